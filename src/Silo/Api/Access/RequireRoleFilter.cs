using Microsoft.Net.Http.Headers;

namespace Actors.Silo.Api.Access;

/// <summary>Lets an HTTP request through only when its bearer token grants the role.</summary>
public sealed class RequireRoleFilter(ApiRole role) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var authority = http.RequestServices.GetRequiredService<BearerTokenAuthority>();
        var decision = authority.Decide(http.Request.Headers.Authorization, role);
        if (decision.Outcome == AccessOutcome.Granted)
        {
            return await next(context);
        }

        if (decision.Outcome == AccessOutcome.Unauthenticated)
        {
            // RFC 6750 section 3: the challenge, with error="invalid_token" when a token was refused.
            http.Response.Headers[HeaderNames.WWWAuthenticate] = decision.InvalidToken
                ? "Bearer realm=\"actors\", error=\"invalid_token\""
                : "Bearer realm=\"actors\"";
        }

        return ApiProblems.Denied(decision);
    }
}
