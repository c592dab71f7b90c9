using Actors.Silo.OperatorCluster;
using k8s;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Hosting.Kubernetes;

namespace Actors.Silo.Tests.Hosting;

/// <summary>Orleans' Kubernetes hosting runs only where the downward API says which pod this is.</summary>
public sealed class ReplicaPodWatchTests
{
    [Theory]
    [InlineData("replica-0", "actors-system", true)]
    [InlineData("replica-0", null, false)]
    [InlineData(null, "actors-system", false)]
    [InlineData("", "actors-system", false)]
    public void A_replica_is_in_a_pod_only_with_both_its_name_and_namespace(string? name, string? ns, bool inPod)
    {
        var variables = new Dictionary<string, string?> { ["POD_NAME"] = name, ["POD_NAMESPACE"] = ns };
        Assert.Equal(inPod, ReplicaPodWatch.InPod(v => variables.GetValueOrDefault(v)));
    }

    [Fact]
    public void The_agent_uses_the_operators_client_configuration_and_never_deletes_pods()
    {
        var configuration = new KubernetesClientConfiguration { Host = "https://203.0.113.7:6443" };
        using var provider = new ServiceCollection().AddReplicaPodWatch(configuration).BuildServiceProvider();

        // Configured as the options system would, short of its validation (which wants POD_NAMESPACE).
        var options = new KubernetesHostingOptions();
        foreach (var configure in provider.GetServices<IConfigureOptions<KubernetesHostingOptions>>()) configure.Configure(options);

        Assert.Same(configuration, options.GetClientConfiguration());
        Assert.False(options.DeleteDefunctSiloPods);
    }
}
