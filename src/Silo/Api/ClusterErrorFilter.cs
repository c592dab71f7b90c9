using Actors.Contracts.Api;

namespace Actors.Silo.Api;

/// <summary>Turns the seam's typed failures into problem details with their status codes.</summary>
public sealed class ClusterErrorFilter : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        try
        {
            return await next(context);
        }
        catch (ClusterOperationException error)
        {
            return ApiProblems.From(error);
        }
        catch (BadHttpRequestException error)
        {
            // Kestrel's own limits (e.g. the body size) surface here while the body is read.
            return error.StatusCode == StatusCodes.Status413PayloadTooLarge
                ? ApiProblems.PayloadTooLarge(context.HttpContext.RequestServices
                    .GetRequiredService<Microsoft.Extensions.Options.IOptions<ClusterApiOptions>>().Value.MaxRequestBytes)
                : ApiProblems.BadRequest(error.Message);
        }
    }
}
