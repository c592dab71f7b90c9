using Actors.Silo.Dashboard;
using Actors.Silo.Grpc;
using Actors.Silo.Health;
using Actors.Silo.Telemetry;

namespace Actors.Silo.Api;

/// <summary>
/// Everything the operator serves besides its grains, wired in one place so the host and the
/// tests run the same composition: the HTTP API (/api/v1, /openapi/v1.json), the gRPC API
/// (actors.v1.ClusterService over h2c), Prometheus /metrics, /healthz and /readyz, and
/// OpenTelemetry, and the dashboard at /. The host adds an <see cref="Actors.Contracts.Api.IClusterOperations"/>.
/// </summary>
public static class OperatorEndpoints
{
    public static WebApplicationBuilder AddOperatorEndpoints(this WebApplicationBuilder builder, Action<ClusterApiOptions>? configureApi = null)
    {
        builder.Services.AddClusterApi(builder.Configuration, configureApi);
        builder.Services.AddClusterGrpc();
        builder.Services.AddOperatorTelemetry(builder.Configuration);
        builder.Services.AddDashboard(builder.Configuration);
        return builder;
    }

    public static WebApplication MapOperatorEndpoints(this WebApplication app)
    {
        app.UseClusterApi();
        app.MapClusterApi();
        app.MapClusterGrpc();
        app.MapPrometheusMetrics();
        app.MapHealthEndpoints();
        app.MapDashboard();
        return app;
    }
}
