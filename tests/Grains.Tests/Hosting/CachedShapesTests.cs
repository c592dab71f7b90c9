using Actors.Grains.Coordinator;
using Actors.Grains.Hosting;
using Actors.Grains.Identity;
using Actors.Grains.Manifests;
using Actors.Grains.Tests.Manifests;
using k8s;
using k8s.Models;

namespace Actors.Grains.Tests.Hosting;

/// <summary>
/// The informer caches keep trimmed objects; what the operator reads from them must be the same
/// as from the whole objects the API sends.
/// </summary>
public sealed class CachedShapesTests
{
    private static readonly DateTime Created = new(2026, 12, 4, 3, 0, 0, DateTimeKind.Utc);

    /// <summary>An object as the API would send it back: rendered, with the server's fields filled in.</summary>
    private static T AsServed<T>(T item) where T : IKubernetesObject<V1ObjectMeta>
    {
        var copy = KubernetesJson.Deserialize<T>(KubernetesJson.Serialize(item));
        copy.Metadata.Uid = "uid-" + copy.Metadata.Name;
        copy.Metadata.ResourceVersion = "42";
        copy.Metadata.CreationTimestamp = Created;
        copy.Metadata.ManagedFields =
        [
            new V1ManagedFieldsEntry { Manager = "actors-operator", Operation = "Apply", FieldsType = "FieldsV1", FieldsV1 = new { f_metadata = new { } } },
        ];
        return copy;
    }

    private static T Copy<T>(T item) => KubernetesJson.Deserialize<T>(KubernetesJson.Serialize(item));

    private static V1Pod ReadyPod(NodeKey key)
    {
        var pod = AsServed(NodePod.Render(Rendered.Plan().Templates[key], Rendered.Owner));
        pod.Status = new V1PodStatus
        {
            Phase = "Running",
            StartTime = Created.AddSeconds(5),
            HostIP = "10.0.0.1",
            PodIP = "10.1.0.7",
            Conditions = [new V1PodCondition { Type = "Ready", Status = "True", LastTransitionTime = Created.AddSeconds(20) }],
            ContainerStatuses = [new V1ContainerStatus { Name = "kafka", Image = "apache/kafka:4.1.0", ImageID = "sha256:0", Ready = true, RestartCount = 0 }],
        };
        return pod;
    }

    private static V1PersistentVolumeClaim Claim(NodeKey key)
    {
        var template = Rendered.Plan().Templates[key];
        var claim = AsServed(NodeVolume.Render(template.Identity, template.Storage, Rendered.ClusterId));
        claim.Status = new V1PersistentVolumeClaimStatus { Phase = "Bound" };
        return claim;
    }

    [Fact]
    public void A_node_is_observed_the_same_from_trimmed_pods_claims_and_config_maps()
    {
        var keys = new[] { NodeKey.Controller(0), NodeKey.Controller(1), NodeKey.Broker(0) };
        var pods = keys.Select(ReadyPod).ToList();
        pods[1].Status.Conditions![0].Status = "False";
        pods[2].Metadata.DeletionTimestamp = Created.AddMinutes(1);
        var claims = keys.Select(Claim).ToList();
        var configs = keys.Select(k => AsServed(NodeConfigMap.Render(Rendered.Plan().Templates[k], Rendered.Owner))).ToList();

        var whole = NodeObserver.Observe(pods, claims, "4.1-IV0", configs);
        var trimmed = NodeObserver.Observe(
            pods.Select(p => CachedShapes.Pod(Copy(p))), claims.Select(c => CachedShapes.Claim(Copy(c))), "4.1-IV0",
            configs.Select(c => CachedShapes.ConfigMap(Copy(c))));

        Assert.Equal(3, whole.Nodes.Count);
        Assert.Equal(whole.Nodes, trimmed.Nodes);
        Assert.NotNull(whole.Nodes[0].Pod!.Revision); // the revision annotation survives the trim
    }

    [Fact]
    public void A_trimmed_pod_keeps_its_identity_labels_and_state_but_not_its_spec_or_managed_fields()
    {
        var pod = CachedShapes.Pod(ReadyPod(NodeKey.Broker(1)));

        Assert.Equal("demo-broker-1", pod.Metadata.Name);
        Assert.Equal("uid-demo-broker-1", pod.Metadata.Uid);
        Assert.Equal("42", pod.Metadata.ResourceVersion);
        Assert.Equal("demo", pod.Metadata.Labels["app.kubernetes.io/instance"]);
        Assert.Single(pod.Metadata.OwnerReferences);
        Assert.Equal("Running", pod.Status.Phase);
        Assert.Equal("Ready", Assert.Single(pod.Status.Conditions).Type);
        Assert.Null(pod.Spec);
        Assert.Null(pod.Status.ContainerStatuses);
        Assert.Null(pod.Metadata.ManagedFields);
    }

    [Fact]
    public void A_trimmed_claim_keeps_what_the_cluster_id_choice_reads()
    {
        var whole = Claim(NodeKey.Broker(0));

        var claim = CachedShapes.Claim(Copy(whole));

        Assert.Equal(whole.Metadata.Name, claim.Metadata.Name);
        Assert.Equal(Rendered.ClusterId, claim.GetAnnotation(NodeVolume.ClusterIdAnnotation));
        Assert.Equal(NodeVolume.RequestedStorage(whole), NodeVolume.RequestedStorage(claim));
        Assert.NotNull(NodeVolume.RequestedStorage(claim));
        Assert.Null(claim.Status);
        Assert.Null(claim.Metadata.ManagedFields);
    }

    [Fact]
    public void A_trimmed_config_map_keeps_its_labels_but_not_its_content()
    {
        var config = CachedShapes.ConfigMap(AsServed(NodeConfigMap.Render(Rendered.Plan().Templates[NodeKey.Broker(0)], Rendered.Owner)));

        Assert.NotNull(OperatorLabels.NodeOf(config.Metadata.Labels));
        Assert.Null(config.Data);
        Assert.Null(config.Metadata.ManagedFields);
    }

    [Fact]
    public void A_cached_service_or_budget_keeps_what_tells_whose_write_it_is_last_and_nothing_it_says()
    {
        var service = CachedShapes.Service(AsServed(ClusterServices.Bootstrap(Rendered.Cluster, Specs.Valid(), Rendered.Owner)));
        var budget = CachedShapes.DisruptionBudget(AsServed(ClusterDisruptionBudget.Render(Rendered.Cluster, 1, Rendered.Owner)));

        foreach (var meta in (V1ObjectMeta[])[service.Metadata, budget.Metadata])
        {
            Assert.Equal("42", meta.ResourceVersion);
            Assert.Equal("demo", meta.Labels["app.kubernetes.io/instance"]);
            Assert.Null(meta.ManagedFields);
        }
        Assert.Null(service.Spec);
        Assert.Null(budget.Spec);
    }
}
