using Actors.Storage.Membership;
using Orleans;
using Orleans.Runtime;

namespace Actors.GrainRuntime.Tests.Membership;

/// <summary>
/// Bad input to membership: the ConfigMap deleted, edited into nonsense or set back to an older
/// table. A silo that knew the table writes it back (and says what it found); whoever read the
/// lost table is refused and reads again; nobody crashes.
/// </summary>
public sealed class MembershipLossTests(MembershipApi api) : IClassFixture<MembershipApi>
{
    private static MembershipEntry Active()
    {
        var silo = MembershipApi.Joining();
        silo.Status = SiloStatus.Active;
        return silo;
    }

    [Fact]
    public async Task A_deleted_configmap_is_written_back_by_a_silo_that_knew_it_at_a_newer_version()
    {
        var log = new RecordedLog<KubernetesMembershipTable>();
        var (first, second) = (Active(), Active());
        var table = await api.NewTableAsync("deleted", first, second);
        var silo = api.Table("deleted", log: log);
        var before = await silo.ReadAllAsync();

        await api.DeleteConfigMapAsync("deleted");
        var after = await silo.ReadAllAsync();

        Assert.Equal([first.SiloAddress, second.SiloAddress], after.Members.Select(m => m.Item1.SiloAddress));
        Assert.All(after.Members, m => Assert.Equal(SiloStatus.Active, m.Item1.Status));
        Assert.True(after.Version.Version > before.Version.Version, $"restored at version {after.Version.Version}, not above {before.Version.Version}");
        Assert.Equal(after.Version.Version, (await api.Table("deleted").ReadAllAsync()).Version.Version);
        Assert.Contains(log.Warnings, line => line.Contains("was deleted") && line.Contains("orleans-membership-deleted") && line.Contains(first.SiloAddress.ToParsableString()));
    }

    [Fact]
    public async Task A_write_decided_on_the_table_before_it_was_lost_is_refused_and_the_next_one_lands()
    {
        var silo = Active();
        var table = await api.NewTableAsync("stale-writer", silo);
        var decidedOn = await table.ReadAllAsync();

        await api.DeleteConfigMapAsync("stale-writer");
        var stale = decidedOn.Version.Next();
        silo.Status = SiloStatus.ShuttingDown;

        Assert.False(await table.UpdateRowAsync(silo, decidedOn.Members[0].Item2, stale));
        var fresh = await table.ReadAllAsync();
        Assert.True(await table.UpdateRowAsync(silo, fresh.Members[0].Item2, fresh.Version.Next()));
        Assert.Equal(SiloStatus.ShuttingDown, (await table.ReadAllAsync()).Members[0].Item1.Status);
    }

    [Fact]
    public async Task A_heartbeat_after_the_configmap_was_deleted_writes_the_table_back_and_is_recorded()
    {
        var silo = Active();
        var table = await api.NewTableAsync("heartbeat", silo);
        await table.ReadAllAsync();

        await api.DeleteConfigMapAsync("heartbeat");
        silo.IAmAliveTime = DateTime.UtcNow.AddSeconds(5);
        await table.UpdateIAmAliveAsync(silo);

        var row = Assert.Single((await api.Table("heartbeat").ReadAllAsync()).Members).Item1;
        Assert.Equal(silo.SiloAddress, row.SiloAddress);
        Assert.Equal(silo.IAmAliveTime, row.IAmAliveTime, TimeSpan.FromMilliseconds(1));
    }

    [Theory]
    [InlineData("not json at all", "not valid JSON")]
    [InlineData("{ \"format\": 1, \"silos\": [ { \"address\": \"not an address\" } ] }", "lacks")]
    [InlineData("null", "is null")]
    public async Task A_configmap_edited_into_nonsense_is_overwritten_with_the_silos_copy_and_the_log_says_what_it_held(string nonsense, string problem)
    {
        var clusterId = $"nonsense-{Math.Abs(nonsense.GetHashCode()) % 100000}";
        var log = new RecordedLog<KubernetesMembershipTable>();
        var silo = Active();
        await api.NewTableAsync(clusterId, silo);
        var table = api.Table(clusterId, log: log);
        var before = await table.ReadAllAsync();

        await api.EditTableAsync(clusterId, nonsense);
        var after = await table.ReadAllAsync();

        Assert.Equal(silo.SiloAddress, Assert.Single(after.Members).Item1.SiloAddress);
        Assert.True(after.Version.Version > before.Version.Version);
        Assert.NotNull(MembershipDocumentJson.Read((await api.ConfigMapOf(clusterId)).Data["membership.json"]).Document);
        var warning = Assert.Single(log.Warnings);
        Assert.Contains("not a membership table", warning);
        Assert.Contains(problem, warning);
        Assert.Contains(nonsense[..Math.Min(nonsense.Length, 12)], warning);
    }

    [Fact]
    public async Task A_table_set_back_to_an_older_version_of_itself_gets_the_newer_rows_back()
    {
        var log = new RecordedLog<KubernetesMembershipTable>();
        var (first, second) = (Active(), Active());
        await api.NewTableAsync("set-back", first);
        var older = (await api.ConfigMapOf("set-back")).Data["membership.json"];
        var table = api.Table("set-back", log: log);
        await MembershipApi.InsertAsync(table, second);
        var known = await table.ReadAllAsync();

        await api.EditTableAsync("set-back", older);
        var after = await table.ReadAllAsync();

        Assert.Equal([first.SiloAddress, second.SiloAddress], after.Members.Select(m => m.Item1.SiloAddress));
        Assert.True(after.Version.Version > known.Version.Version);
        Assert.Contains(log.Warnings, line => line.Contains($"went back from version {known.Version.Version} to 1"));
    }

    [Fact]
    public async Task A_table_a_starting_silo_made_anew_after_a_deletion_gets_the_running_silos_rows_and_keeps_the_newcomers()
    {
        var log = new RecordedLog<KubernetesMembershipTable>();
        var running = Active();
        await api.NewTableAsync("made-anew", running);
        var table = api.Table("made-anew", log: log);
        var known = await table.ReadAllAsync();

        await api.DeleteConfigMapAsync("made-anew");
        var starting = api.Table("made-anew");
        await starting.InitializeMembershipTableAsync(true);
        var newcomer = MembershipApi.Joining();
        await MembershipApi.InsertAsync(starting, newcomer);
        for (var i = 0; i < 3; i++)
        {
            var now = await starting.ReadAllAsync();
            var row = now.TryGet(newcomer.SiloAddress)!;
            Assert.True(await starting.UpdateRowAsync(row.Item1, row.Item2, now.Version.Next()), "the newcomer's own updates land on its new table");
        }
        Assert.True((await starting.ReadAllAsync()).Version.Version >= known.Version.Version, "the new table caught up with the version the running silo knew");

        var merged = await table.ReadAllAsync();

        Assert.Equal(new[] { running.SiloAddress, newcomer.SiloAddress }.ToHashSet(), merged.Members.Select(m => m.Item1.SiloAddress).ToHashSet());
        Assert.Contains(log.Warnings, line => line.Contains("was made anew"));
        var again = await starting.ReadAllAsync();
        Assert.Equal(merged.Version, again.Version);
        Assert.Single(log.Warnings);
    }

    [Fact]
    public async Task A_starting_silo_that_finds_nonsense_inserts_itself_over_it_and_a_running_silo_merges_its_rows_back()
    {
        var log = new RecordedLog<KubernetesMembershipTable>();
        var running = Active();
        var table = await api.NewTableAsync("newcomer", running);
        await api.EditTableAsync("newcomer", "{ this is not a table");

        var starting = api.Table("newcomer", log: log);
        await starting.InitializeMembershipTableAsync(true);
        var joining = MembershipApi.Joining();
        await MembershipApi.InsertAsync(starting, joining);
        Assert.Contains(log.Warnings, line => line.Contains("no copy to restore"));

        var merged = await table.ReadAllAsync();

        Assert.Equal(new[] { running.SiloAddress, joining.SiloAddress }.ToHashSet(), merged.Members.Select(m => m.Item1.SiloAddress).ToHashSet());
        Assert.Equal(merged.Version.Version, (await starting.ReadAllAsync()).Version.Version);
    }

    [Fact]
    public async Task A_silo_that_never_read_the_table_has_nothing_to_restore_and_a_deleted_one_stays_absent_until_an_insert()
    {
        await api.NewTableAsync("nothing-known");
        var table = api.Table("nothing-known");

        await api.DeleteConfigMapAsync("nothing-known");
        var read = await table.ReadAllAsync();

        Assert.Empty(read.Members);
        Assert.Equal(0, read.Version.Version);
        await Assert.ThrowsAsync<k8s.Autorest.HttpOperationException>(() => api.ConfigMapOf("nothing-known"));
    }
}
