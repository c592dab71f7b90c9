using System.Text.Json;
using Actors.Contracts.Grains;
using Actors.Grains.Cluster;
using Actors.Grains.Crd;
using Actors.Grains.Hosting;
using Actors.Grains.Tests.Unreadable;
using k8s;
using k8s.Models;
using Microsoft.Extensions.DependencyInjection;

namespace Actors.Grains.Tests.Cluster;

/// <summary>
/// Issue 16, a burst: passes beyond the silo's reconcile slots wait in their grain's own schedule,
/// and waking a grain never waits behind a pass (a call that did timed out under 100 clusters).
/// </summary>
public sealed class ReconcileSlotsTests
{
    private const string Ns = "kafka";

    [Fact]
    public async Task A_pass_beyond_the_slots_waits_until_one_is_freed_and_a_slot_is_freed_once()
    {
        var slots = new ReconcileSlots(new KafkaOperatorOptions { MaxConcurrentReconciles = 2 });
        var first = await slots.EnterAsync();
        var second = await slots.EnterAsync();
        var third = slots.EnterAsync();
        var fourth = slots.EnterAsync();
        Assert.False(third.IsCompleted);

        first.Dispose();
        first.Dispose();
        var thirdSlot = await third.WaitAsync(Eventually.Limit);
        // The second Dispose of the first slot freed nothing: the fourth still needs one.
        Assert.False(fourth.IsCompleted);
        second.Dispose();
        (await fourth.WaitAsync(Eventually.Limit)).Dispose();
        thirdSlot.Dispose();
    }

    [Fact]
    public async Task A_wake_returns_while_every_slot_is_taken_and_the_pass_runs_once_one_is_free()
    {
        await using var emulator = await EmulatorFixture.StartAsync();
        var client = emulator.Client();
        await client.CoreV1.CreateNamespaceAsync(new V1Namespace { ApiVersion = "v1", Kind = "Namespace", Metadata = new V1ObjectMeta { Name = Ns } });
        await client.ApiextensionsV1.CreateCustomResourceDefinitionAsync(KafkaClusterCrd.Build());
        await using var running = await OperatorOverEmulator.StartAsync(client, Ns, options => options.MaxConcurrentReconciles = 1);

        var held = await running.Services.GetRequiredService<ReconcileSlots>().EnterAsync();
        await RawKafkaClusters.CreateAsync(client, Ns, "demo", brokers: 3, controllers: 3);
        var grain = running.Grains.GetGrain<IKafkaClusterGrain>($"{Ns}/demo");
        // Bounded so that a wake that waited for the pass fails here instead of hanging.
        await grain.WakeAsync().WaitAsync(Eventually.Limit);
        await grain.WakeAsync().WaitAsync(Eventually.Limit);
        Assert.False((await RawKafkaClusters.ReadAsync(client, Ns, "demo")).TryGetProperty("status", out _),
            "no pass may run while every slot is taken");

        held.Dispose();
        await Eventually.UntilAsync(async () => Observed(await RawKafkaClusters.ReadAsync(client, Ns, "demo")),
            "demo's status observes its generation once the slot is free");
    }

    private static bool Observed(JsonElement cluster) =>
        cluster.TryGetProperty("status", out var status) && status.TryGetProperty("observedGeneration", out var observed)
        && observed.GetInt64() == cluster.GetProperty("metadata").GetProperty("generation").GetInt64();
}
