using Actors.Emulator.Kubelet;
using Actors.EndToEnd.Tests.Harness;
using k8s;

namespace Actors.EndToEnd.Tests;

public sealed class RecoveryTests(ITestOutputHelper output)
{
    [Fact]
    public async Task A_deleted_pod_comes_back_with_the_same_name_and_the_same_volume()
    {
        await using var scenario = await KafkaScenario.StartAsync("recover", output);
        await scenario.CreateAsync(Specs.Cluster(scenario.Namespace, controllers: 1, brokers: 2));
        await scenario.WaitUntilReadyAsync();
        var lost = await scenario.GetPodAsync("demo-broker-1");

        await scenario.Api.Client.CoreV1.DeleteNamespacedPodAsync("demo-broker-1", scenario.Namespace);

        var replacement = await Eventually.UntilAsync(async () =>
            await scenario.TryGetPodAsync("demo-broker-1") is { } pod && pod.Metadata.Uid != lost.Metadata.Uid
            && pod.Metadata.Annotations?.ContainsKey(SimAnnotations.FoundDataFrom) == true ? pod : null, "broker 1 is back and has read its volume");
        Assert.Equal($"demo-broker-1/{lost.Metadata.Uid}", replacement.Metadata.Annotations![SimAnnotations.FoundDataFrom]);
        Assert.Equal(lost.Metadata.Annotations![SimAnnotations.DataVolume], replacement.Metadata.Annotations[SimAnnotations.DataVolume]);
        await scenario.WaitUntilReadyAsync();
        Assert.Equal(["data-demo-broker-0", "data-demo-broker-1", "data-demo-controller-0"], (await scenario.ListVolumesAsync()).Select(v => v.Metadata.Name).Order());
    }
}
