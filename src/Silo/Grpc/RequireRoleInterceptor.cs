using Actors.Silo.Api.Access;
using Grpc.Core;
using Grpc.Core.Interceptors;

namespace Actors.Silo.Grpc;

/// <summary>
/// Lets a call through only when its bearer token grants the role the method declares with
/// <see cref="RequiresRoleAttribute"/>; a method that declares none needs an admin token, so a
/// method added without thought is closed rather than open. Same verdicts as the HTTP API
/// (<see cref="BearerTokenAuthority"/>): UNAUTHENTICATED without a valid token,
/// PERMISSION_DENIED for a read token on a change.
/// </summary>
public sealed class RequireRoleInterceptor(BearerTokenAuthority authority) : Interceptor
{
    public override Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        Authorize(context);
        return continuation(request, context);
    }

    public override Task ServerStreamingServerHandler<TRequest, TResponse>(
        TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        Authorize(context);
        return continuation(request, responseStream, context);
    }

    private void Authorize(ServerCallContext context)
    {
        var role = context.GetHttpContext().GetEndpoint()?.Metadata.GetMetadata<RequiresRoleAttribute>()?.Role ?? ApiRole.Admin;
        var decision = authority.Decide(context.RequestHeaders.GetValue("authorization"), role);
        if (decision.Outcome != AccessOutcome.Granted)
        {
            var code = decision.Outcome == AccessOutcome.Forbidden ? StatusCode.PermissionDenied : StatusCode.Unauthenticated;
            throw new RpcException(new Status(code, decision.Message));
        }
    }
}
