using System.Diagnostics;
using Orleans;
using Orleans.Runtime;
using Xunit.Abstractions;

namespace Actors.GrainRuntime.Tests.Membership;

/// <summary>
/// Real silos, each in its own host with its own ports, finding each other only through the
/// membership ConfigMap on the emulator: they form one cluster, and when one goes the others see it
/// leave, whether it stopped gracefully or was killed.
/// </summary>
public sealed class SiloClusterTests(MembershipApi api, ITestOutputHelper log) : IClassFixture<MembershipApi>, IAsyncLifetime
{
    private readonly List<ClusteredSilo> silos = [];

    /// <summary>Starts three silos of <paramref name="clusterId"/> and waits until each sees all three Active.</summary>
    private async Task<(ClusteredSilo First, ClusteredSilo Second, ClusteredSilo Third)> StartThreeAsync(string clusterId)
    {
        for (var i = 0; i < 3; i++) silos.Add(await ClusteredSilo.StartAsync(api.Client, clusterId, $"operator-{i}"));
        foreach (var observer in silos) await UntilActiveAsync(observer, silos, $"{observer.Address} sees all three silos Active");
        return (silos[0], silos[1], silos[2]);
    }

    private static Task UntilActiveAsync(ClusteredSilo observer, IEnumerable<ClusteredSilo> expected, string expectation) =>
        Eventually.UntilAsync(async () => (await observer.ActiveSilosAsync()).ToHashSet().SetEquals(expected.Select(s => s.Address)),
            expectation, TimeSpan.FromSeconds(60));

    private async Task<SiloStatus?> StoredStatusAsync(string clusterId, SiloAddress silo) =>
        (await api.Table(clusterId).ReadAllAsync()).TryGet(silo)?.Item1.Status;

    [Fact]
    public async Task Three_silos_sharing_the_configmap_form_one_cluster_and_see_a_stopped_one_leave()
    {
        var (first, second, third) = await StartThreeAsync("three");
        foreach (var silo in silos) Assert.Equal(SiloStatus.Active, await StoredStatusAsync("three", silo.Address));

        await third.StopAsync();

        await UntilActiveAsync(first, [first, second], "the first silo no longer counts the stopped one as Active");
        await UntilActiveAsync(second, [first, second], "the second silo no longer counts the stopped one as Active");
        Assert.Equal(SiloStatus.Dead, await StoredStatusAsync("three", third.Address));
    }

    [Fact]
    public async Task A_silo_killed_without_warning_is_voted_dead_in_the_configmap_by_the_survivors()
    {
        silos.Add(await ClusteredSilo.StartAsync(api.Client, "killed", "operator-0"));
        silos.Add(await ClusteredSilo.StartAsync(api.Client, "killed", "operator-1"));
        using var doomed = await SiloProcess.StartAsync(api.Emulator, "killed", "operator-2");
        var all = silos.Select(s => s.Address).Append(doomed.Address).ToHashSet();
        foreach (var observer in silos)
            await Eventually.UntilAsync(async () => (await observer.ActiveSilosAsync()).ToHashSet().SetEquals(all),
                $"{observer.Address} sees all three silos Active", TimeSpan.FromSeconds(60));

        var sinceKill = Stopwatch.StartNew();
        await doomed.KillAsync();

        var row = await Eventually.UntilAsync(async () => (await api.Table("killed").ReadAllAsync()).TryGet(doomed.Address) is { Item1.Status: SiloStatus.Dead } dead ? dead.Item1 : null,
            "the survivors declare the killed silo Dead in the membership ConfigMap", TimeSpan.FromSeconds(60));
        log.WriteLine($"Declared dead in the ConfigMap {sinceKill.Elapsed.TotalSeconds:0.0} s after SIGKILL (for information; not asserted).");
        Assert.NotEmpty(row.SuspectTimes ?? []);
        Assert.All(row.SuspectTimes!, vote => Assert.Contains(vote.Item1, silos.Select(s => s.Address)));
        foreach (var observer in silos)
            await UntilActiveAsync(observer, silos, $"{observer.Address} no longer counts the killed silo as Active");
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var silo in silos) await silo.DisposeAsync();
    }
}
