using Actors.Emulator;
using Actors.EndToEnd.Tests.Harness;
using Actors.Grains.Events;
using Actors.Grains.Identity;
using Actors.Grains.Manifests;
using Microsoft.Extensions.Logging.Abstractions;
using k8s;

namespace Actors.EndToEnd.Tests.Effects;

public sealed class ClusterEventRecorderTests
{
    [Fact]
    public async Task The_same_event_again_counts_up_instead_of_adding_another()
    {
        await using var emulator = await EmulatorFixture.StartAsync(new EmulatorOptions { Namespaces = ["kafka"] });
        using var client = ApiUnderTest.Connect(emulator.KubeconfigPath);
        var recorder = new ClusterEventRecorder(client, TimeProvider.System, NullLogger<ClusterEventRecorder>.Instance);
        var cluster = new ClusterIdentity("kafka", "demo");
        var owner = new ClusterOwner("demo", "uid-1");

        await recorder.RecordAsync(cluster, owner, ClusterEventRecorder.Warning, "RollBlocked", "Rolling update of broker 2 is blocked");
        await recorder.RecordAsync(cluster, owner, ClusterEventRecorder.Warning, "RollBlocked", "Rolling update of broker 2 is blocked");
        await recorder.RecordAsync(cluster, owner, ClusterEventRecorder.Normal, "RollingNode", "Rolling kafka/demo broker 2");

        var events = (await client.CoreV1.ListNamespacedEventAsync("kafka")).Items;
        Assert.Equal(2, events.Count);
        var blocked = events.Single(e => e.Reason == "RollBlocked");
        Assert.Equal(2, blocked.Count);
        Assert.Equal("Warning", blocked.Type);
        Assert.Equal("uid-1", blocked.InvolvedObject.Uid);
        Assert.Equal("KafkaCluster", blocked.InvolvedObject.Kind);
    }
}
