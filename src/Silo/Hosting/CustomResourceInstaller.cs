using Actors.Grains.Crd;
using Actors.Kubernetes;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace Actors.Silo.Hosting;

/// <summary>
/// Installs or updates the KafkaCluster CRD, built from the contract types
/// (<see cref="KafkaClusterCrd"/>; deploy/crd/kafkaclusters.yaml is the same document), by
/// server-side apply, then waits until the API server serves it. Idempotent, so every replica
/// may do it at start-up.
/// </summary>
public sealed class CustomResourceInstaller(IKubernetes client)
{
    public const string FieldManager = "actors-operator";

    public static string CrdName => KafkaClusterCrd.Name;

    public async Task InstallAsync(TimeSpan establishTimeout, CancellationToken cancellationToken)
    {
        await client.ApiextensionsV1.PatchCustomResourceDefinitionAsync(new V1Patch(KafkaClusterCrd.Build(), V1Patch.PatchType.ApplyPatch), CrdName,
            fieldManager: FieldManager, force: true, cancellationToken: cancellationToken);
        await WaitEstablishedAsync(establishTimeout, cancellationToken);
    }

    /// <summary>Whether the API server serves KafkaClusters now.</summary>
    public async Task<bool> IsEstablishedAsync(CancellationToken cancellationToken)
    {
        V1CustomResourceDefinition crd;
        try
        {
            crd = await client.ApiextensionsV1.ReadCustomResourceDefinitionAsync(CrdName, cancellationToken: cancellationToken);
        }
        catch (HttpOperationException e) when (e.IsNotFound())
        {
            return false;
        }
        return crd.Status?.Conditions?.Any(c => c.Type == "Established" && c.Status == "True") == true;
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
}
