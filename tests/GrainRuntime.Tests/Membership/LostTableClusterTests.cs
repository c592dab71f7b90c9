using Orleans.Runtime;
using Xunit.Abstractions;

namespace Actors.GrainRuntime.Tests.Membership;

/// <summary>
/// Real silos whose membership ConfigMap is deleted or edited into nonsense under them: they keep
/// running, write the table back, and a silo that starts while the table is gone ends up in the
/// same cluster as the running ones, not in one of its own.
/// </summary>
public sealed class LostTableClusterTests(MembershipApi api, ITestOutputHelper log) : IClassFixture<MembershipApi>, IAsyncLifetime
{
    private readonly List<ClusteredSilo> silos = [];

    private async Task StartAsync(string clusterId, int count)
    {
        for (var i = silos.Count; i < count; i++) silos.Add(await ClusteredSilo.StartAsync(api.Client, clusterId, $"operator-{i}"));
    }

    /// <summary>Every silo sees exactly the silos started (none killed itself, none is in another cluster), and the stored table has them all Active.</summary>
    private async Task UntilOneClusterAsync(string clusterId, string expectation)
    {
        var all = silos.Select(s => s.Address).ToHashSet();
        foreach (var observer in silos)
            await Eventually.UntilAsync(async () => (await observer.ActiveSilosAsync()).ToHashSet().SetEquals(all),
                $"{expectation}: {observer.Address} sees all {all.Count} silos Active", TimeSpan.FromSeconds(60));
        await Eventually.UntilAsync(async () =>
            {
                var stored = await api.Table(clusterId).ReadAllAsync();
                return all.All(silo => stored.TryGet(silo) is { Item1.Status: SiloStatus.Active });
            }, $"{expectation}: the stored table holds all {all.Count} silos Active", TimeSpan.FromSeconds(60));
    }

    [Fact]
    public async Task A_deleted_table_is_written_back_and_a_silo_starting_meanwhile_joins_the_running_ones()
    {
        await StartAsync("deleted-under", 3);
        await UntilOneClusterAsync("deleted-under", "before");

        await api.DeleteConfigMapAsync("deleted-under");
        log.WriteLine($"{DateTime.UtcNow:HH:mm:ss.fff} deleted the membership ConfigMap; starting a fourth silo");
        await StartAsync("deleted-under", 4);

        await UntilOneClusterAsync("deleted-under", "after the deletion");
        log.WriteLine($"{DateTime.UtcNow:HH:mm:ss.fff} one cluster of four again");
    }

    [Fact]
    public async Task A_table_edited_into_nonsense_is_written_back_and_every_silo_stays()
    {
        await StartAsync("edited-under", 3);
        await UntilOneClusterAsync("edited-under", "before");

        await api.EditTableAsync("edited-under", "{ \"format\": 1, \"silos\": \"everyone\" }");

        await Eventually.UntilAsync(async () => (await api.ConfigMapOf("edited-under")).Data["membership.json"].Contains("\"versionEtag\""),
            "a silo writes the table back over the nonsense", TimeSpan.FromSeconds(60));
        await UntilOneClusterAsync("edited-under", "after the edit");
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var silo in silos) await silo.DisposeAsync();
    }
}
