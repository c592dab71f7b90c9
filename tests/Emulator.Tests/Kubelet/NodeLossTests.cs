using Actors.Emulator.Kubelet;
using Actors.Emulator.Tests.Kubelet.Support;
using Actors.Kubernetes;
using k8s;
using k8s.Models;

namespace Actors.Emulator.Tests.Kubelet;

public sealed class NodeLossTests : KubeletTest
{
    Task<V1Node> NodeBecomes(string name, string ready) =>
        Eventually(() => Client.CoreV1.ReadNodeAsync(name),
            n => SimulatedNode.ReadyStatus(n) == ready, $"node {name} Ready={ready}");

    [Fact]
    public async Task The_simulated_nodes_are_registered_and_ready()
    {
        foreach (var node in Options.NodeNames)
        {
            var registered = await NodeBecomes(node, "True");
            Assert.Equal("true", registered.Metadata.Labels![SimAnnotations.SimulatedLabel]);
        }
    }

    [Fact]
    public async Task Losing_a_node_makes_its_pods_unready_until_it_is_restored()
    {
        var pod = await ReadyPod("broker-0");
        var node = pod.Spec!.NodeName!;

        await Kubelet.LoseNodeAsync(node);
        await NodeBecomes(node, "Unknown");
        var stranded = await PodBecomes("broker-0", p => !IsReady(p), "not ready");
        Assert.Equal("NodeNotReady", PodConditions.Find(stranded.Status, "Ready")!.Reason);
        Assert.Equal("Running", stranded.Status!.Phase);

        await Kubelet.RestoreNodeAsync(node);
        await NodeBecomes(node, "True");
        await PodBecomes("broker-0", IsReady, "Ready again");
    }

    [Fact]
    public async Task Pods_on_other_nodes_are_untouched_and_new_pods_avoid_the_lost_node()
    {
        var a = await ReadyPod("broker-0");
        var b = await ReadyPod("broker-1");
        Assert.NotEqual(a.Spec!.NodeName, b.Spec!.NodeName);

        await Kubelet.LoseNodeAsync(a.Spec.NodeName!);
        await PodBecomes("broker-0", p => !IsReady(p), "not ready");
        Assert.True(IsReady((await FindPod("broker-1"))!));

        foreach (var n in new[] { "broker-2", "broker-3", "broker-4" })
        {
            await CreatePod(n);
            var placed = await PodBecomes(n, p => p.Spec?.NodeName is not null, "bound");
            Assert.NotEqual(a.Spec.NodeName, placed.Spec!.NodeName);
        }
    }

    [Fact]
    public async Task A_pod_deleted_on_a_lost_node_stays_terminating_until_the_node_returns()
    {
        var pod = await ReadyPod("broker-0");
        var node = pod.Spec!.NodeName!;
        await Kubelet.LoseNodeAsync(node);
        await PodBecomes("broker-0", p => !IsReady(p), "not ready");

        await DeletePod("broker-0");
        await Advance(120);
        var terminating = await FindPod("broker-0");
        Assert.NotNull(terminating);
        Assert.NotNull(terminating!.Metadata.DeletionTimestamp);

        await Kubelet.RestoreNodeAsync(node);
        await PodIsGone("broker-0");
    }

    [Fact]
    public async Task A_node_can_be_lost_through_the_API_with_an_annotation()
    {
        var pod = await ReadyPod("broker-0");
        var node = pod.Spec!.NodeName!;
        var patch = new System.Text.Json.Nodes.JsonObject
        {
            ["metadata"] = new System.Text.Json.Nodes.JsonObject { ["annotations"] = new System.Text.Json.Nodes.JsonObject { [SimAnnotations.Lost] = "true" } },
        };
        await Client.CoreV1.PatchNodeAsync(new V1Patch(patch.ToJsonString(), V1Patch.PatchType.MergePatch), node);
        await NodeBecomes(node, "Unknown");
        await PodBecomes("broker-0", p => !IsReady(p), "not ready");
    }

    async Task<V1Lease?> FindLease(string node)
    {
        try
        {
            return await Client.CoordinationV1.ReadNamespacedLeaseAsync(node, "kube-node-lease");
        }
        catch (Exception e) when (e.IsNotFound())
        {
            return null;
        }
    }

    async Task<V1Lease> LeaseRenewedAt(string node, DateTimeOffset at) =>
        (await Eventually(() => FindLease(node), l => l?.Spec?.RenewTime == at.UtcDateTime, $"lease of {node} renewed at {at:O}"))!;

    [Fact]
    public async Task Live_nodes_renew_their_leases_and_a_lost_node_stops()
    {
        foreach (var node in Options.NodeNames) await LeaseRenewedAt(node, Clock.GetUtcNow());
        await Kubelet.LoseNodeAsync("sim-node-1");
        await NodeBecomes("sim-node-1", "Unknown");
        var before = (await Client.CoordinationV1.ReadNamespacedLeaseAsync("sim-node-1", "kube-node-lease")).Spec!.RenewTime;

        await Advance(10);

        var lease = await LeaseRenewedAt("sim-node-0", Clock.GetUtcNow());
        Assert.Equal("sim-node-0", lease.Spec!.HolderIdentity);
        Assert.Equal(before, (await Client.CoordinationV1.ReadNamespacedLeaseAsync("sim-node-1", "kube-node-lease")).Spec!.RenewTime);
    }
}
