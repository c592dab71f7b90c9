using Orleans;
using Orleans.Runtime;

namespace Actors.GrainRuntime.Tests.Membership;

/// <summary>
/// Orleans' IMembershipTable contract, table by table against the emulator through the official
/// client: what an insert, an update and a heartbeat change, and that a writer holding a stale
/// table version or row etag is refused with nothing changed.
/// </summary>
public sealed class KubernetesMembershipTableTests(MembershipApi api) : IClassFixture<MembershipApi>
{
    [Fact]
    public async Task A_new_table_is_empty_at_version_zero_in_its_own_configmap()
    {
        var table = await api.NewTableAsync("fresh");

        var read = await table.ReadAllAsync();

        Assert.Empty(read.Members);
        Assert.Equal(0, read.Version.Version);
        Assert.False(string.IsNullOrEmpty(read.Version.VersionEtag));
        Assert.Contains("membership.json", (await api.ConfigMapOf("fresh")).Data.Keys);
    }

    [Fact]
    public async Task An_insert_adds_the_row_and_the_table_takes_the_new_version_with_a_new_etag()
    {
        var table = await api.NewTableAsync("insert");
        var before = (await table.ReadAllAsync()).Version;
        var silo = MembershipApi.Joining();

        Assert.True(await table.InsertRowAsync(silo, before.Next()));

        var after = await table.ReadAllAsync();
        MembershipApi.HoldsOnly(after, silo, version: 1);
        Assert.NotEqual(before.VersionEtag, after.Version.VersionEtag);
    }

    [Fact]
    public async Task Inserting_a_silo_that_already_has_a_row_fails()
    {
        var silo = MembershipApi.Joining();
        var table = await api.NewTableAsync("insert-twice", silo);

        var current = (await table.ReadAllAsync()).Version;
        Assert.False(await table.InsertRowAsync(silo, current.Next()));

        var after = await table.ReadAllAsync();
        Assert.Single(after.Members);
        Assert.Equal(current, after.Version);
    }

    [Fact]
    public async Task An_insert_on_a_stale_table_version_fails_and_changes_nothing()
    {
        var table = await api.NewTableAsync("insert-stale");
        var read = (await table.ReadAllAsync()).Version;
        var first = MembershipApi.Joining();
        Assert.True(await table.InsertRowAsync(first, read.Next()));

        Assert.False(await table.InsertRowAsync(MembershipApi.Joining(), read.Next()));

        MembershipApi.HoldsOnly(await table.ReadAllAsync(), first, version: 1);
    }

    [Fact]
    public async Task An_update_replaces_the_row_and_gives_it_a_new_etag()
    {
        var silo = MembershipApi.Joining();
        var table = await api.NewTableAsync("update", silo);
        var read = await table.ReadRowAsync(silo.SiloAddress);
        var etag = Assert.Single(read.Members).Item2;

        silo.Status = SiloStatus.Active;
        Assert.True(await table.UpdateRowAsync(silo, etag, read.Version.Next()));

        var after = await table.ReadRowAsync(silo.SiloAddress);
        var (entry, newEtag) = Assert.Single(after.Members);
        Assert.Equal(SiloStatus.Active, entry.Status);
        Assert.NotEqual(etag, newEtag);
        Assert.Equal(2, after.Version.Version);
    }

    [Fact]
    public async Task An_update_with_a_stale_row_etag_fails_even_on_the_current_table_version()
    {
        var silo = MembershipApi.Joining();
        var table = await api.NewTableAsync("update-stale-row", silo);
        var stale = Assert.Single((await table.ReadAllAsync()).Members).Item2;
        silo.Status = SiloStatus.Active;
        Assert.True(await table.UpdateRowAsync(silo, stale, (await table.ReadAllAsync()).Version.Next()));

        silo.Status = SiloStatus.Dead;
        Assert.False(await table.UpdateRowAsync(silo, stale, (await table.ReadAllAsync()).Version.Next()));

        Assert.Equal(SiloStatus.Active, Assert.Single((await table.ReadAllAsync()).Members).Item1.Status);
    }

    [Fact]
    public async Task An_update_on_a_stale_table_version_fails_and_changes_nothing()
    {
        var silo = MembershipApi.Joining();
        var table = await api.NewTableAsync("update-stale-table", silo);
        var read = await table.ReadAllAsync();
        var etag = Assert.Single(read.Members).Item2;
        Assert.True(await table.InsertRowAsync(MembershipApi.Joining(), read.Version.Next()));

        silo.Status = SiloStatus.Active;
        Assert.False(await table.UpdateRowAsync(silo, etag, read.Version.Next()));

        var after = await table.ReadAllAsync();
        Assert.Equal(SiloStatus.Joining, after.TryGet(silo.SiloAddress)!.Item1.Status);
        Assert.Equal(etag, after.TryGet(silo.SiloAddress)!.Item2);
        Assert.Equal(2, after.Version.Version);
    }

    [Fact]
    public async Task An_update_of_a_silo_without_a_row_fails()
    {
        var table = await api.NewTableAsync("update-missing");
        var read = await table.ReadAllAsync();

        Assert.False(await table.UpdateRowAsync(MembershipApi.Joining(), "no-such-etag", read.Version.Next()));

        Assert.Empty((await table.ReadAllAsync()).Members);
    }

    [Fact]
    public async Task Of_silos_inserting_concurrently_on_one_table_version_exactly_one_wins()
    {
        await api.NewTableAsync("race");
        var version = (await api.Table("race").ReadAllAsync()).Version.Next();
        var silos = Enumerable.Range(0, 8).Select(_ => MembershipApi.Joining()).ToList();

        // Each silo its own table instance, as in separate replicas.
        var results = await Task.WhenAll(silos.Select(silo => api.Table("race").InsertRowAsync(silo, version)));

        var winner = Assert.Single(silos.Zip(results), pair => pair.Second).First;
        MembershipApi.HoldsOnly(await api.Table("race").ReadAllAsync(), winner, version: 1);
    }

    [Fact]
    public async Task Concurrent_updates_each_read_before_writing_all_land_one_version_at_a_time()
    {
        var silo = MembershipApi.Joining();
        var table = await api.NewTableAsync("serial", silo);

        // Ten writers retry read-then-update until theirs lands, as Orleans does; each landed update is one version.
        await Task.WhenAll(Enumerable.Range(0, 10).Select(async _ =>
        {
            var writer = api.Table("serial");
            while (true)
            {
                var read = await writer.ReadAllAsync();
                var (entry, etag) = read.TryGet(silo.SiloAddress)!;
                if (await writer.UpdateRowAsync(entry, etag, read.Version.Next())) return;
            }
        })).WaitAsync(Eventually.Limit);

        Assert.Equal(11, (await table.ReadAllAsync()).Version.Version);
    }

    [Fact]
    public async Task A_heartbeat_records_the_time_and_leaves_the_version_and_etags_usable()
    {
        var silo = MembershipApi.Joining(new DateTime(2026, 12, 3, 15, 0, 0, DateTimeKind.Utc));
        var table = await api.NewTableAsync("heartbeat", silo);
        var read = await table.ReadAllAsync();
        var etag = read.TryGet(silo.SiloAddress)!.Item2;
        var beat = new DateTime(2026, 12, 3, 15, 0, 30, DateTimeKind.Utc);

        await table.UpdateIAmAliveAsync(new MembershipEntry { SiloAddress = silo.SiloAddress, IAmAliveTime = beat });

        var after = await table.ReadAllAsync();
        var (entry, etagAfter) = after.TryGet(silo.SiloAddress)!;
        Assert.Equal(beat, entry.IAmAliveTime);
        Assert.Equal(SiloStatus.Joining, entry.Status);
        Assert.Equal(read.Version, after.Version);
        Assert.Equal(etag, etagAfter);
        silo.Status = SiloStatus.Active;
        Assert.True(await table.UpdateRowAsync(silo, etag, read.Version.Next()), "an update decided before the heartbeat must still land");
    }

    [Fact]
    public async Task Heartbeats_of_many_silos_at_once_are_all_recorded()
    {
        var table = await api.NewTableAsync("heartbeats");
        var silos = Enumerable.Range(0, 5).Select(_ => MembershipApi.Joining()).ToList();
        foreach (var silo in silos) await MembershipApi.InsertAsync(table, silo);
        var beat = DateTime.UtcNow.AddMinutes(1);

        await Task.WhenAll(silos.Select((silo, i) =>
            api.Table("heartbeats").UpdateIAmAliveAsync(new MembershipEntry { SiloAddress = silo.SiloAddress, IAmAliveTime = beat.AddSeconds(i) })));

        var after = await table.ReadAllAsync();
        Assert.All(silos.Select((silo, i) => (silo, i)), s => Assert.Equal(beat.AddSeconds(s.i), after.TryGet(s.silo.SiloAddress)!.Item1.IAmAliveTime));
    }

    [Fact]
    public async Task A_heartbeat_of_a_silo_without_a_row_fails()
    {
        var table = await api.NewTableAsync("heartbeat-missing");

        await Assert.ThrowsAsync<Actors.Storage.Membership.MembershipObjectException>(
            () => table.UpdateIAmAliveAsync(new MembershipEntry { SiloAddress = MembershipApi.Joining().SiloAddress, IAmAliveTime = DateTime.UtcNow }));
    }

    [Fact]
    public async Task Every_column_of_a_row_reads_back_as_written()
    {
        var table = await api.NewTableAsync("columns");
        var silo = MembershipApi.Joining(new DateTime(2026, 12, 3, 15, 0, 0, 123, DateTimeKind.Utc));
        silo.Status = SiloStatus.ShuttingDown;
        silo.RoleName = "operator";
        silo.UpdateZone = 2;
        silo.FaultZone = 3;
        silo.AddSuspector(MembershipApi.Joining().SiloAddress, new DateTime(2026, 12, 3, 15, 0, 5, DateTimeKind.Utc));

        await MembershipApi.InsertAsync(table, silo);

        Assert.Equal(silo.ToFullString(), Assert.Single((await table.ReadRowAsync(silo.SiloAddress)).Members).Item1.ToFullString());
    }

    [Fact]
    public async Task Reading_the_row_of_an_unknown_silo_gives_no_row_and_the_table_version()
    {
        var table = await api.NewTableAsync("read-unknown");
        await MembershipApi.InsertAsync(table, MembershipApi.Joining());

        var read = await table.ReadRowAsync(MembershipApi.Joining().SiloAddress);

        Assert.Empty(read.Members);
        Assert.Equal(1, read.Version.Version);
    }
}
