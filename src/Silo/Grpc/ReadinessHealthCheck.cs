using Actors.Silo.Health;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Actors.Silo.Grpc;

/// <summary>
/// /readyz as an ASP.NET Core health check, so the standard grpc.health.v1.Health service
/// (what Kubernetes' gRPC probes and grpc-health-probe call) answers SERVING exactly when
/// /readyz answers 200. A check that throws counts as not ready, as it does there.
/// </summary>
public sealed class ReadinessHealthCheck(IEnumerable<IReadinessCheck> checks) : IHealthCheck
{
    public const string Name = "readiness";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var waiting = new List<string>();
        foreach (var check in checks)
        {
            try
            {
                var result = await check.CheckAsync(cancellationToken);
                if (!result.Ready)
                {
                    waiting.Add($"{check.Name}: {result.Detail}");
                }
            }
            catch (Exception error) when (error is not OperationCanceledException)
            {
                waiting.Add($"{check.Name}: check failed: {error.Message}");
            }
        }

        return waiting.Count == 0 ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy(string.Join("; ", waiting));
    }
}
