using Actors.Grains.Coordinator;
using Actors.Grains.Identity;
using Actors.Grains.Manifests;
using Actors.Grains.Rejections;
using Actors.Grains.Rendering;
using Actors.Grains.Status;
using Actors.Kubernetes;
using Actors.Runtime;
using Microsoft.Extensions.Logging;

namespace Actors.Grains.Broker;

/// <summary>
/// The effect shell of one node: renders and writes its pod, its ConfigMap and its PVC, deletes exactly the pod
/// instance it is told to. Every call is safe to repeat: a create that finds its object already
/// there, or a delete that finds it gone (or replaced), has nothing left to do.
/// </summary>
public sealed class BrokerGrain(KubernetesClient client, ILogger<BrokerGrain> logger, Hosting.KafkaOperatorOptions options) : Grain, IBrokerGrain
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
                    await client.Resource<PersistentVolumeClaim>().CreateAsync(NodeVolume.Render(node, template.Storage, template.ClusterId),
                        options: new WriteOptions { FieldManager = options.FieldManager });
                    logger.LogInformation("Created volume {Pvc} of {Node}", node.PvcName, node);
                }
                catch (KubernetesAlreadyExistsException)
                {
                    // Created by an earlier attempt: the volume is sticky, never replaced.
                }
            });
        }

        var pod = new StepTarget("Pod", ns, node.PodName, StepRole.NodeObject);
        // The node's configuration changes only here, while it has no pod: a pod that exists (the
        // cache was behind, or this step is repeated) keeps the configuration it was created with.
        var exists = false;
        await ActOnAsync(pod, async () => exists = await client.Resource<Pod>().TryGetAsync(node.PodName, ns) is not null);
        if (exists) return;
        await ActOnAsync(new StepTarget("ConfigMap", ns, node.ConfigMapName, StepRole.NodeObject),
            () => client.Resource<ConfigMap>().ApplyAsync(NodeConfigMap.Render(template, owner), options.FieldManager, force: true));

        await ActOnAsync(pod, async () =>
        {
            try
            {
                await client.Resource<Pod>().CreateAsync(NodePod.Render(template, owner), options: new WriteOptions { FieldManager = options.FieldManager });
                logger.LogInformation("Created pod {Pod} of {Node} at revision {Revision}", node.PodName, node, template.Revision);
            }
            catch (KubernetesAlreadyExistsException)
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
        catch (KubernetesApiException e)
        {
            throw new StepFailedException(target, e);
        }
    }

    public async Task DeletePodAsync(string podUid)
    {
        var node = Node;
        try
        {
            await client.Resource<Pod>().DeleteAsync(node.PodName, node.Cluster.Namespace,
                new DeleteOptions { Preconditions = new Preconditions { Uid = podUid } });
            logger.LogInformation("Deleted pod {Pod} (uid {Uid}) of {Node}", node.PodName, podUid, node);
        }
        catch (KubernetesNotFoundException)
        {
        }
        catch (KubernetesConflictException)
        {
            // The uid no longer matches: that instance is gone and a newer one must not be touched.
        }
        catch (KubernetesApiException e)
        {
            throw new StepFailedException(new StepTarget("Pod", node.Cluster.Namespace, node.PodName, StepRole.NodeObject), e);
        }
    }

    public async Task DeleteVolumeAsync()
    {
        var node = Node;
        try
        {
            await client.Resource<PersistentVolumeClaim>().DeleteAsync(node.PvcName, node.Cluster.Namespace);
            logger.LogInformation("Deleted volume {Pvc} of {Node}", node.PvcName, node);
        }
        catch (KubernetesNotFoundException)
        {
        }
        catch (KubernetesApiException e)
        {
            throw new StepFailedException(new StepTarget("PersistentVolumeClaim", node.Cluster.Namespace, node.PvcName, StepRole.NodeObject), e);
        }
    }

    public async Task DeleteConfigAsync()
    {
        var node = Node;
        try
        {
            await client.Resource<ConfigMap>().DeleteAsync(node.ConfigMapName, node.Cluster.Namespace);
            logger.LogInformation("Deleted configuration {ConfigMap} of {Node}", node.ConfigMapName, node);
        }
        catch (KubernetesNotFoundException)
        {
        }
        catch (KubernetesApiException e)
        {
            throw new StepFailedException(new StepTarget("ConfigMap", node.Cluster.Namespace, node.ConfigMapName, StepRole.NodeObject), e);
        }
    }

    public async Task<NodeReport> GetReportAsync()
    {
        var node = Node;
        var pod = await client.Resource<Pod>().TryGetAsync(node.PodName, node.Cluster.Namespace);
        var pvc = await client.Resource<PersistentVolumeClaim>().TryGetAsync(node.PvcName, node.Cluster.Namespace);
        var observed = pod is null ? null : NodeObserver.Observe(pod);
        return new NodeReport(node.PodName, NodePhase.Of(observed), pod?.Metadata.Uid, observed?.Revision, pvc is not null);
    }
}
