using Actors.Emulator.Kubelet;
using Actors.Emulator.Tests.Kubelet.Support;
using k8s;
using k8s.Models;

namespace Actors.Emulator.Tests.Kubelet;

/// <summary>
/// Kafka's meta.properties on the simulated volume: the first pod records its cluster id, and a
/// pod configured with another one is refused like Kafka refuses it — a crash loop that says why.
/// </summary>
public sealed class MetaPropertiesTests : KubeletTest
{
    const string First = "MkU3OEVBNTcwNTJENDM2Qg";
    const string Other = "NzE2QjY2NDE0MzQ1NDk0Mg";

    Task<V1Pod> CreateKafkaPod(string name, string clusterId)
    {
        var pod = Pods.Broker(name, claim: "data-broker-0");
        pod.Spec!.Containers[0].Env = [new V1EnvVar { Name = "CLUSTER_ID", Value = clusterId }];
        return Client.CoreV1.CreateNamespacedPodAsync(pod, Ns);
    }

    async Task<V1Pod> ReadyKafkaPod(string name, string clusterId)
    {
        await CreateKafkaPod(name, clusterId);
        await PodBecomes(name, p => p.Status?.StartTime is not null, "started by the kubelet");
        await Advance(2);
        await PodBecomes(name, IsRunning, "Running");
        await Advance(3);
        return await PodBecomes(name, IsReady, "Ready");
    }

    async Task ReplaceWith(string clusterId)
    {
        await DeletePod("broker-0");
        await Advance(5);
        await PodIsGone("broker-0");
        await CreateKafkaPod("broker-0", clusterId);
        await PodBecomes("broker-0", p => p.Status?.StartTime is not null, "started by the kubelet");
    }

    [Fact]
    public async Task The_first_pod_on_a_volume_records_its_cluster_id_in_meta_properties()
    {
        await CreateClaim(Pods.Claim("data-broker-0"));
        await ReadyKafkaPod("broker-0", First);

        var claim = await ReadClaim("data-broker-0");
        Assert.Equal(First, claim.Metadata.Annotations![SimAnnotations.MetaClusterId]);
        Assert.Equal(First, MetaProperties.StoredClusterId(claim));
    }

    [Fact]
    public async Task A_pod_of_the_same_cluster_starts_on_the_volume()
    {
        await CreateClaim(Pods.Claim("data-broker-0"));
        var first = await ReadyKafkaPod("broker-0", First);

        await ReplaceWith(First);
        await Advance(2);
        await Advance(3);

        var second = await PodBecomes("broker-0", IsReady, "Ready");
        Assert.Equal($"broker-0/{first.Metadata.Uid}", second.Metadata.Annotations![SimAnnotations.FoundDataFrom]);
    }

    [Fact]
    public async Task A_pod_configured_with_another_cluster_id_is_refused_and_crash_loops_saying_why()
    {
        await CreateClaim(Pods.Claim("data-broker-0"));
        await ReadyKafkaPod("broker-0", First);

        await ReplaceWith(Other);
        await Advance(2);
        await Advance(1);

        var refused = await PodBecomes("broker-0", p => Container(p).State?.Waiting?.Reason == "CrashLoopBackOff", "crash-looping");
        Assert.False(IsReady(refused));
        var message = Container(refused).LastState?.Terminated?.Message;
        Assert.Contains("Invalid cluster.id", message);
        Assert.Contains(First, message);
        Assert.Contains(Other, message);
        var claim = await ReadClaim("data-broker-0");
        Assert.Equal(First, claim.Metadata.Annotations![SimAnnotations.MetaClusterId]);
        Assert.Equal("1", claim.Metadata.Annotations[SimAnnotations.Writes]);
    }
}
