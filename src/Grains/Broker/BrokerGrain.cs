using Actors.Grains.Coordinator;
using Actors.Grains.Identity;
using Actors.Grains.Manifests;
using Actors.Grains.Rejections;
using Actors.Grains.Rendering;
using Actors.Grains.Status;
using Actors.Kubernetes;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Microsoft.Extensions.Logging;

namespace Actors.Grains.Broker;

/// <summary>
/// The effect shell of one node: renders and writes its pod, its ConfigMap and its PVC, deletes exactly the pod
/// instance it is told to. Every call is safe to repeat: a create that finds its object already
/// there, or a delete that finds it gone (or replaced), has nothing left to do.
/// </summary>
// On its cluster's home replica, beside the coordinator that calls it: a cluster's grains live (and move) together.
[Placement.ClusterHomePlacement]
[GrainType(Telemetry.GrainCallTelemetry.NodeGrainType)]
public sealed class BrokerGrain(IKubernetes client, ILogger<BrokerGrain> logger, Hosting.KafkaOperatorOptions options)
    : Placement.ClusterResidentGrain, IBrokerGrain
{
    private NodeIdentity Node => NodeGrainKey.Parse(this.GetPrimaryKeyString());

    public async Task CreateAsync(NodeTemplate template, ClusterOwner owner, bool createVolume)
    {
        var node = template.Identity;
        var ns = node.Cluster.Namespace;
        if (createVolume)
        {
            await ActOnAsync(new StepTarget("PersistentVolumeClaim", ns, node.PvcName, StepRole.NodeObject), async () =>
            {
                try
                {
                    await client.CoreV1.CreateNamespacedPersistentVolumeClaimAsync(NodeVolume.Render(node, template.Storage, template.ClusterId), ns,
                        fieldManager: options.FieldManager);
                    logger.LogInformation("Created volume {Pvc} of {Node}", node.PvcName, node);
                }
                catch (HttpOperationException e) when (e.IsAlreadyExists())
                {
                    // Created by an earlier attempt: the volume is sticky, never replaced.
                }
            });
        }

        var pod = new StepTarget("Pod", ns, node.PodName, StepRole.NodeObject);
        // The node's configuration changes only here, while it has no pod: a pod that exists (the
        // cache was behind, or this step is repeated) keeps the configuration it was created with.
        var exists = false;
        await ActOnAsync(pod, async () => exists = await TryReadPodAsync(node.PodName, ns) is not null);
        if (exists) return;
        await ActOnAsync(new StepTarget("ConfigMap", ns, node.ConfigMapName, StepRole.NodeObject),
            () => client.CoreV1.PatchNamespacedConfigMapAsync(new V1Patch(NodeConfigMap.Render(template, owner), V1Patch.PatchType.ApplyPatch),
                node.ConfigMapName, ns, fieldManager: options.FieldManager, force: true));

        await ActOnAsync(pod, async () =>
        {
            try
            {
                await client.CoreV1.CreateNamespacedPodAsync(NodePod.Render(template, owner), ns, fieldManager: options.FieldManager);
                logger.LogInformation("Created pod {Pod} of {Node} at revision {Revision}", node.PodName, node, template.Revision);
            }
            catch (HttpOperationException e) when (e.IsAlreadyExists())
            {
                // An earlier attempt got through; the coordinator sees the pod on its next look.
            }
        });
    }

    /// <summary>Names the object in a failed request, so the cluster grain can report which one the API refused.</summary>
    private static async Task ActOnAsync(StepTarget target, Func<Task> write)
    {
        try
        {
            await write();
        }
        catch (HttpOperationException e)
        {
            throw new StepFailedException(target, e);
        }
    }

    public async Task DeletePodAsync(string podUid)
    {
        var node = Node;
        try
        {
            await client.CoreV1.DeleteNamespacedPodAsync(node.PodName, node.Cluster.Namespace,
                new V1DeleteOptions { Preconditions = new V1Preconditions { Uid = podUid } });
            logger.LogInformation("Deleted pod {Pod} (uid {Uid}) of {Node}", node.PodName, podUid, node);
        }
        catch (HttpOperationException e) when (e.IsNotFound())
        {
        }
        catch (HttpOperationException e) when (e.IsConflict())
        {
            // The uid no longer matches: that instance is gone and a newer one must not be touched.
        }
        catch (HttpOperationException e)
        {
            throw new StepFailedException(new StepTarget("Pod", node.Cluster.Namespace, node.PodName, StepRole.NodeObject), e);
        }
    }

    public async Task DeleteVolumeAsync()
    {
        var node = Node;
        try
        {
            await client.CoreV1.DeleteNamespacedPersistentVolumeClaimAsync(node.PvcName, node.Cluster.Namespace);
            logger.LogInformation("Deleted volume {Pvc} of {Node}", node.PvcName, node);
        }
        catch (HttpOperationException e) when (e.IsNotFound())
        {
        }
        catch (HttpOperationException e)
        {
            throw new StepFailedException(new StepTarget("PersistentVolumeClaim", node.Cluster.Namespace, node.PvcName, StepRole.NodeObject), e);
        }
    }

    public async Task DeleteConfigAsync()
    {
        var node = Node;
        try
        {
            await client.CoreV1.DeleteNamespacedConfigMapAsync(node.ConfigMapName, node.Cluster.Namespace);
            logger.LogInformation("Deleted configuration {ConfigMap} of {Node}", node.ConfigMapName, node);
        }
        catch (HttpOperationException e) when (e.IsNotFound())
        {
        }
        catch (HttpOperationException e)
        {
            throw new StepFailedException(new StepTarget("ConfigMap", node.Cluster.Namespace, node.ConfigMapName, StepRole.NodeObject), e);
        }
    }

    public async Task<NodeReport> GetReportAsync()
    {
        var node = Node;
        var pod = await TryReadPodAsync(node.PodName, node.Cluster.Namespace);
        V1PersistentVolumeClaim? pvc;
        try
        {
            pvc = await client.CoreV1.ReadNamespacedPersistentVolumeClaimAsync(node.PvcName, node.Cluster.Namespace);
        }
        catch (HttpOperationException e) when (e.IsNotFound())
        {
            pvc = null;
        }
        var observed = pod is null ? null : NodeObserver.Observe(pod);
        return new NodeReport(node.PodName, NodePhase.Of(observed), pod?.Metadata.Uid, observed?.Revision, pvc is not null);
    }

    /// <summary>The pod, or null when it does not exist.</summary>
    private async Task<V1Pod?> TryReadPodAsync(string name, string @namespace)
    {
        try
        {
            return await client.CoreV1.ReadNamespacedPodAsync(name, @namespace);
        }
        catch (HttpOperationException e) when (e.IsNotFound())
        {
            return null;
        }
    }
}
