using Actors.Emulator.Kubelet;
using Actors.Emulator.Tests.Kubelet.Support;
using Actors.Kubernetes;
using k8s;
using k8s.Models;

namespace Actors.Emulator.Tests.Kubelet;

/// <summary>The audit log tells the simulated kubelet's writes from the operator's by their user agents.</summary>
public sealed class UserAgentTests : KubeletTest
{
    [Fact]
    public async Task The_kubelet_writes_under_its_own_user_agent()
    {
        await CreatePod("broker-0");
        await PodBecomes("broker-0", p => p.Status?.StartTime is not null, "started by the kubelet");

        var writes = Emulator.Audit.For("pods", Ns, "broker-0");

        Assert.Equal("actors-operator/1.0", writes.Single(w => w.Verb == "create" && w.Subresource is null).UserAgent);
        var kubeletWrites = writes.Where(w => w.Subresource is "binding" or "status").ToList();
        Assert.NotEmpty(kubeletWrites);
        Assert.All(kubeletWrites, w => Assert.Equal(SimulatedKubelet.UserAgent, w.UserAgent));
        Assert.Equal("actors-kubelet/1.0", SimulatedKubelet.UserAgent);
    }

    [Fact]
    public async Task A_kubelet_handed_the_operators_configuration_and_policy_still_sends_its_own_user_agent()
    {
        var shared = Fixture.Configuration();
        var operatorPolicy = new ClientPolicy();
        Assert.Equal("actors-operator/1.0", operatorPolicy.UserAgent);
        await using var second = new SimulatedKubelet(shared, Options with { NodeNames = ["sim-node-9"] }, Clock, policy: operatorPolicy);
        await second.StartAsync();

        await Eventually(() => Task.FromResult(Emulator.Audit.For("nodes", null, "sim-node-9")), w => w.Count > 0, "node sim-node-9 registered");

        Assert.All(Emulator.Audit.For("nodes", null, "sim-node-9"), w => Assert.Equal(SimulatedKubelet.UserAgent, w.UserAgent));
        // The operator's client built afterwards from the same configuration keeps the operator's user agent.
        using var operatorClient = KubernetesClients.Create(shared, operatorPolicy);
        await operatorClient.CoreV1.CreateNamespacedConfigMapAsync(
            new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "from-operator", NamespaceProperty = Ns } }, Ns);
        Assert.Equal("actors-operator/1.0", Assert.Single(Emulator.Audit.For("configmaps", Ns, "from-operator")).UserAgent);
    }
}
