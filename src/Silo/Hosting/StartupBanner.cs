using Actors.Contracts.Kafka;

namespace Actors.Silo.Hosting;

/// <summary>What the silo prints once it serves: where to look and how to ask.</summary>
public sealed record StartupBanner
{
    public required ClusterChoice Cluster { get; init; }
    public required string ApiServer { get; init; }
    public required Uri Http { get; init; }
    public required Uri Grpc { get; init; }
    /// <summary>This replica's name and whether it runs alone or in an operator cluster.</summary>
    public required string Replica { get; init; }
    public IReadOnlyList<string> WatchNamespaces { get; init; } = [];

    /// <summary>Embedded mode only: paths as the user should type them.</summary>
    public string? KubeconfigPath { get; init; }
    public string? TokenPath { get; init; }
    public string? ReadTokenPath { get; init; }
    public string? SampleNamespace { get; init; }
    public string? SampleName { get; init; }

    /// <summary>Embedded mode only: the read-only API token, put in the dashboard link's fragment (never sent to the server).</summary>
    public string? DashboardToken { get; init; }

    /// <summary>Embedded mode only: where the sample cluster's Kafka (a protocol peer) listens, host:port.</summary>
    public string? KafkaPeer { get; init; }

    public string Render()
    {
        var http = Http.ToString().TrimEnd('/');
        var lines = new List<string>
        {
            "",
            Cluster.Mode == ClusterMode.Embedded
                ? "Kafka operator silo — embedded mode (in-process Kubernetes API emulator)"
                : $"Kafka operator silo — {Cluster.Reason}",
            $"  Kubernetes API:  {ApiServer}",
            $"  Managing:        {(WatchNamespaces.Count == 0 ? "KafkaClusters in all namespaces" : "KafkaClusters in " + string.Join(", ", WatchNamespaces))}",
            $"  Replica:         {Replica}",
        };
        if (KubeconfigPath is not null)
        {
            var ns = SampleNamespace is null ? "" : $"-n {SampleNamespace} ";
            lines.Add($"  kubeconfig:      {KubeconfigPath}");
            lines.Add($"  API token:       {TokenPath} (read-only: {ReadTokenPath})");
            lines.Add("");
            lines.Add("  Watch the sample cluster:");
            lines.Add($"    kubectl --kubeconfig {KubeconfigPath} {ns}get kc,pods");
            if (KafkaPeer is not null)
            {
                lines.Add("  Its Kafka (brokers, topics, in-sync replicas):");
                lines.Add($"    kcat -L -b {KafkaPeer}");
                if (SampleName is not null)
                {
                    lines.Add("  Roll it; each broker waits until Kafka has its partitions back in sync (RollBlocked):");
                    lines.Add($"    kubectl --kubeconfig {KubeconfigPath} {ns}annotate kc {SampleName} {KafkaAnnotations.RestartAt}=\"$(date -u +%FT%TZ)\" --overwrite");
                }
            }
        }

        lines.Add("");
        lines.Add(DashboardToken is null ? $"  Dashboard:       {http}/" : $"  Dashboard:       {http}/#token={DashboardToken}");
        lines.Add(TokenPath is null
            ? $"  HTTP API:        curl -H \"Authorization: Bearer $TOKEN\" {http}/api/v1/clusters"
            : $"  HTTP API:        curl -H \"Authorization: Bearer $(cat {TokenPath})\" {http}/api/v1/clusters");
        lines.Add($"  gRPC (h2c):      {Grpc.Host}:{Grpc.Port}  actors.v1.ClusterService");
        lines.Add($"  Metrics, health: {http}/metrics  {http}/healthz  {http}/readyz");
        lines.Add("");
        lines.Add("Press Ctrl+C to stop.");
        return string.Join(Environment.NewLine, lines) + Environment.NewLine;
    }
}
