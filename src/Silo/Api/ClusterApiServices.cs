using System.Diagnostics;
using Actors.Silo.Api.Access;
using Actors.Silo.Api.Refusals;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Actors.Silo.Api;

public static class ClusterApiServices
{
    /// <summary>
    /// Registers what <see cref="ClusterApiEndpoints.MapClusterApi"/> and the gRPC API need:
    /// options (bound from the "Api" section when a configuration is given), bearer-token
    /// access, problem details (also for requests Kestrel refuses, see <see cref="RefusalConnections"/>)
    /// and the OpenAPI document. The caller registers the
    /// <see cref="Actors.Contracts.Api.IClusterOperations"/> implementation.
    /// </summary>
    public static IServiceCollection AddClusterApi(
        this IServiceCollection services, IConfiguration? configuration = null, Action<ClusterApiOptions>? configure = null)
    {
        var options = services.AddOptions<ClusterApiOptions>();
        if (configuration is not null)
        {
            options.Bind(configuration.GetSection(ClusterApiOptions.Section));
        }

        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<BearerTokenAuthority>();
        services.AddProblemDetails(problems => problems.CustomizeProblemDetails = context =>
            context.ProblemDetails.Detail ??= ApiProblems.DetailFor(context.HttpContext, context.ProblemDetails.Status));
        services.TryAddSingleton(provider => new ServerRefusals(provider.GetService<DiagnosticListener>()));
        services.AddOpenApi(openApi => openApi.AddDocumentTransformer<BearerSecurityTransformer>());
        return services;
    }
}
