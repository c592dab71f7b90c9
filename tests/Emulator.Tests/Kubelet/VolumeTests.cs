using Actors.Emulator.Kubelet;
using Actors.Emulator.Tests.Kubelet.Support;
using k8s;
using k8s.Models;

namespace Actors.Emulator.Tests.Kubelet;

public sealed class VolumeTests : KubeletTest
{
    Task<V1PersistentVolumeClaim> ClaimBecomesBound(string name) =>
        Eventually(() => ReadClaim(name), c => c.Status?.Phase == "Bound", $"claim {name} Bound");

    [Fact]
    public async Task A_claim_is_bound_to_a_volume_named_after_its_uid_with_the_capacity_it_asked_for()
    {
        var created = await CreateClaim(Pods.Claim("data-broker-0", "20Gi"));
        var bound = await ClaimBecomesBound("data-broker-0");

        Assert.Equal($"pvc-{created.Metadata.Uid}", bound.Spec!.VolumeName);
        Assert.Equal("20Gi", bound.Status!.Capacity!["storage"].ToString());
        Assert.Equal(["ReadWriteOnce"], bound.Status.AccessModes);
        Assert.Equal("yes", bound.Metadata.Annotations!["pv.kubernetes.io/bind-completed"]);
    }

    [Fact]
    public async Task A_pod_waits_unscheduled_until_its_claim_exists_and_is_bound()
    {
        await CreatePod("broker-0", claim: "data-broker-0");
        var waiting = await PodBecomes("broker-0", p => Condition(p, "PodScheduled") == "False", "unschedulable");
        Assert.Null(waiting.Spec!.NodeName);
        Assert.Equal("Unschedulable", PodConditions.Find(waiting.Status, "PodScheduled")!.Reason);
        Assert.Contains("unbound immediate PersistentVolumeClaims", PodConditions.Find(waiting.Status, "PodScheduled")!.Message);

        await CreateClaim(Pods.Claim("data-broker-0"));
        var scheduled = await PodBecomes("broker-0", p => p.Spec?.NodeName is not null, "bound to a node");
        Assert.Equal("True", Condition(scheduled, "PodScheduled"));
    }

    [Fact]
    public async Task The_first_pod_on_a_volume_finds_no_data_and_leaves_its_mark_on_the_volume()
    {
        var claim = await CreateClaim(Pods.Claim("data-broker-0"));
        var pod = await ReadyPod("broker-0", claim: "data-broker-0");

        Assert.Equal(SimAnnotations.None, pod.Metadata.Annotations![SimAnnotations.FoundDataFrom]);
        Assert.Equal($"pvc-{claim.Metadata.Uid}", pod.Metadata.Annotations[SimAnnotations.DataVolume]);
        var marked = await ReadClaim("data-broker-0");
        Assert.Equal($"broker-0/{pod.Metadata.Uid}", marked.Metadata.Annotations![SimAnnotations.LastWriter]);
        Assert.Equal("1", marked.Metadata.Annotations[SimAnnotations.Writes]);
        Assert.Equal(marked.Spec!.VolumeName, marked.Metadata.Annotations[SimAnnotations.MarkedVolume]);
    }

    [Fact]
    public async Task A_replacement_pod_with_the_same_claim_finds_the_previous_pods_data()
    {
        await CreateClaim(Pods.Claim("data-broker-0"));
        var first = await ReadyPod("broker-0", claim: "data-broker-0");
        await DeletePod("broker-0");
        await Advance(5);
        await PodIsGone("broker-0");

        var second = await ReadyPod("broker-0", claim: "data-broker-0");

        Assert.NotEqual(first.Metadata.Uid, second.Metadata.Uid);
        Assert.Equal($"broker-0/{first.Metadata.Uid}", second.Metadata.Annotations![SimAnnotations.FoundDataFrom]);
        Assert.Equal(first.Metadata.Annotations![SimAnnotations.DataVolume], second.Metadata.Annotations[SimAnnotations.DataVolume]);
        var marked = await ReadClaim("data-broker-0");
        Assert.Equal($"broker-0/{second.Metadata.Uid}", marked.Metadata.Annotations![SimAnnotations.LastWriter]);
        Assert.Equal("2", marked.Metadata.Annotations[SimAnnotations.Writes]);
    }

    [Fact]
    public async Task A_claim_deleted_and_created_again_is_a_new_empty_volume()
    {
        await CreateClaim(Pods.Claim("data-broker-0"));
        var first = await ReadyPod("broker-0", claim: "data-broker-0");
        await DeletePod("broker-0");
        await Advance(5);
        await PodIsGone("broker-0");
        await Client.CoreV1.DeleteNamespacedPersistentVolumeClaimAsync("data-broker-0", Ns);
        await CreateClaim(Pods.Claim("data-broker-0"));

        var second = await ReadyPod("broker-0", claim: "data-broker-0");

        Assert.Equal(SimAnnotations.None, second.Metadata.Annotations![SimAnnotations.FoundDataFrom]);
        Assert.NotEqual(first.Metadata.Annotations![SimAnnotations.DataVolume], second.Metadata.Annotations[SimAnnotations.DataVolume]);
    }
}
