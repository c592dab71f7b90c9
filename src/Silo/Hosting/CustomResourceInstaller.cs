using System.Text.Json.Nodes;
using Actors.Contracts.Kafka;
using Actors.Kubernetes;

namespace Actors.Silo.Hosting;

/// <summary>
/// Installs or updates the KafkaCluster CRD (deploy/crd/kafkaclusters.yaml, carried in the
/// assembly) by server-side apply, then waits until the API server serves it. Idempotent, so
/// every replica may do it at start-up.
/// </summary>
public sealed class CustomResourceInstaller(KubernetesClient client)
{
    public const string FieldManager = "actors-operator";

    public static string CrdName => $"{KafkaClusterResource.Plural}.{KafkaClusterResource.Group}";

    public async Task InstallAsync(TimeSpan establishTimeout, CancellationToken cancellationToken)
    {
        var crd = Manifests.Parse(Manifests.ReadEmbedded(Manifests.KafkaClusterCrd)).Single();
        var path = CustomResourceDefinition.ResourceType.ObjectPath(CrdName, null) + $"?fieldManager={FieldManager}&force=true";
        await client.SendAsync(HttpMethod.Patch, path, crd, KubernetesPatch.ApplyContentType, cancellationToken);
        await WaitEstablishedAsync(establishTimeout, cancellationToken);
    }

    /// <summary>Whether the API server serves KafkaClusters now.</summary>
    public async Task<bool> IsEstablishedAsync(CancellationToken cancellationToken)
    {
        var crd = await client.Resource<CustomResourceDefinition>().TryGetAsync(CrdName, cancellationToken: cancellationToken);
        return crd?.Status?.Conditions?.Any(c => c.Type == "Established" && c.Status == "True") == true;
    }

    private async Task WaitEstablishedAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout);
        try
        {
            while (!await IsEstablishedAsync(limit.Token))
                await Task.Delay(TimeSpan.FromMilliseconds(200), limit.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"The CRD {CrdName} was applied but not Established within {timeout.TotalSeconds:0}s; see `kubectl get crd {CrdName} -o yaml`.");
        }
    }

    /// <summary>Only for tests and tools: the CRD as JSON.</summary>
    public static JsonObject Definition() => Manifests.Parse(Manifests.ReadEmbedded(Manifests.KafkaClusterCrd)).Single();
}
