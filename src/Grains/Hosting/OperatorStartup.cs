using Actors.Grains.Crd;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Actors.Grains.Hosting;

/// <summary>
/// Brings the operator up after the actor runtime: installs the CRD when allowed, then starts the
/// informers and waits for their first list, so watchers never act on an empty cache.
/// </summary>
public sealed class OperatorStartup(
    IKubernetes client,
    OperatorInformers informers,
    KafkaOperatorOptions options,
    ILogger<OperatorStartup> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (options.InstallCrd)
        {
            await client.ApiextensionsV1.PatchCustomResourceDefinitionAsync(new V1Patch(KafkaClusterCrd.Build(), V1Patch.PatchType.ApplyPatch), KafkaClusterCrd.Name,
                fieldManager: options.FieldManager, force: true, cancellationToken: cancellationToken);
            logger.LogInformation("Installed CustomResourceDefinition {Crd}", KafkaClusterCrd.Name);
        }
        informers.Start();
        await informers.WaitForSyncAsync(cancellationToken);
        logger.LogInformation("Operator caches synced: {Clusters} KafkaClusters, {Pods} pods, {Volumes} volumes",
            informers.Clusters.Cache.Count, informers.Pods.Cache.Count, informers.Volumes.Cache.Count);
    }

    public Task StopAsync(CancellationToken cancellationToken) => informers.DisposeAsync().AsTask();
}
