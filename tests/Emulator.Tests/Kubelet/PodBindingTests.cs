using System.Text.Json.Nodes;
using Actors.Emulator.Tests.Kubelet.Support;
using Actors.Emulator.Tests.Support;
using Actors.Kubernetes;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace Actors.Emulator.Tests.Kubelet;

/// <summary>The emulator's pods/binding, which the kubelet (like a scheduler) uses to set spec.nodeName.</summary>
public sealed class PodBindingTests : KubeletTest
{
    protected override Emulator.Kubelet.KubeletOptions Options => base.Options with { Paused = true };

    static V1Binding Binding(string pod, string node) => new()
    {
        ApiVersion = V1Binding.KubeApiVersion, Kind = V1Binding.KubeKind,
        Metadata = new V1ObjectMeta { Name = pod },
        Target = new V1ObjectReference { ApiVersion = "v1", Kind = "Node", Name = node },
    };

    Task Bind(string pod, string node) => Client.CoreV1.CreateNamespacedPodBindingAsync(Binding(pod, node), pod, Ns);

    [Fact]
    public async Task A_binding_sets_the_node_and_marks_the_pod_scheduled()
    {
        Emulator.Kubelet.Paused = true;
        await CreatePod("broker-0");
        // On the wire, as kube-apiserver answers a binding: a Status, not the Binding (the official client reads it as a V1Binding and ignores the rest).
        using var http = Emulator.CreateHttpClient();
        var answer = Api.Ok(await new Api(http).Post(Api.Path("", "v1", Ns, "pods", "broker-0", "binding"),
            JsonNode.Parse(KubernetesJson.Serialize(Binding("broker-0", "worker-7")))!));

        Assert.Equal("Success", answer["status"]!.GetValue<string>());
        var bound = (await FindPod("broker-0"))!;
        Assert.Equal("worker-7", bound.Spec!.NodeName);
        Assert.Equal("True", Condition(bound, "PodScheduled"));
    }

    [Fact]
    public async Task A_binding_through_the_official_client_sets_the_node()
    {
        Emulator.Kubelet.Paused = true;
        await CreatePod("broker-0");
        await Bind("broker-0", "worker-7");

        var bound = (await FindPod("broker-0"))!;
        Assert.Equal("worker-7", bound.Spec!.NodeName);
        Assert.Equal("True", Condition(bound, "PodScheduled"));
    }

    [Fact]
    public async Task A_pod_already_bound_cannot_be_bound_again()
    {
        Emulator.Kubelet.Paused = true;
        await CreatePod("broker-0");
        await Bind("broker-0", "worker-7");
        var again = await Assert.ThrowsAsync<HttpOperationException>(() => Bind("broker-0", "worker-8"));
        Assert.True(again.IsConflict());
        Assert.Contains("already assigned to node \"worker-7\"", again.ApiMessage());
    }

    [Fact]
    public async Task Binding_a_pod_that_does_not_exist_is_not_found()
    {
        var missing = await Assert.ThrowsAsync<HttpOperationException>(() => Bind("ghost", "worker-7"));
        Assert.True(missing.IsNotFound());
    }
}
