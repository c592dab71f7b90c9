using System.Text.Json.Nodes;
using Actors.Emulator.Tests.Kubelet.Support;
using Actors.Kubernetes;

namespace Actors.Emulator.Tests.Kubelet;

/// <summary>The emulator's pods/binding, which the kubelet (like a scheduler) uses to set spec.nodeName.</summary>
public sealed class PodBindingTests : KubeletTest
{
    protected override Emulator.Kubelet.KubeletOptions Options => base.Options with { Paused = true };

    static JsonObject Binding(string pod, string node) => new()
    {
        ["apiVersion"] = "v1", ["kind"] = "Binding",
        ["metadata"] = new JsonObject { ["name"] = pod },
        ["target"] = new JsonObject { ["apiVersion"] = "v1", ["kind"] = "Node", ["name"] = node },
    };

    static string BindingPath(string pod) => Pod.ResourceType.ObjectPath(pod, Ns, "binding");

    [Fact]
    public async Task A_binding_sets_the_node_and_marks_the_pod_scheduled()
    {
        Emulator.Kubelet.Paused = true;
        await CreatePod("broker-0");
        var answer = await Client.SendAsync(HttpMethod.Post, BindingPath("broker-0"), Binding("broker-0", "worker-7"));

        Assert.Equal("Success", answer!["status"]!.GetValue<string>());
        var bound = (await FindPod("broker-0"))!;
        Assert.Equal("worker-7", bound.Spec!.NodeName);
        Assert.Equal("True", Condition(bound, "PodScheduled"));
    }

    [Fact]
    public async Task A_pod_already_bound_cannot_be_bound_again()
    {
        Emulator.Kubelet.Paused = true;
        await CreatePod("broker-0");
        await Client.SendAsync(HttpMethod.Post, BindingPath("broker-0"), Binding("broker-0", "worker-7"));
        var again = await Assert.ThrowsAsync<KubernetesConflictException>(() =>
            Client.SendAsync(HttpMethod.Post, BindingPath("broker-0"), Binding("broker-0", "worker-8")));
        Assert.Contains("already assigned to node \"worker-7\"", again.Message);
    }

    [Fact]
    public async Task Binding_a_pod_that_does_not_exist_is_not_found()
    {
        await Assert.ThrowsAsync<KubernetesNotFoundException>(() =>
            Client.SendAsync(HttpMethod.Post, BindingPath("ghost"), Binding("ghost", "worker-7")));
    }
}
