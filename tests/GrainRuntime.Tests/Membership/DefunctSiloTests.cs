using k8s;
using Orleans;
using Orleans.Runtime;

namespace Actors.GrainRuntime.Tests.Membership;

/// <summary>What leaves the table: dead silos after their retention, and a whole cluster's table on request.</summary>
public sealed class DefunctSiloTests(MembershipApi api) : IClassFixture<MembershipApi>
{
    private static readonly DateTime Now = new(2026, 12, 3, 15, 0, 0, DateTimeKind.Utc);

    private static MembershipEntry Silo(SiloStatus status, DateTime lastSeen, DateTime? suspectedAt = null)
    {
        var silo = MembershipApi.Joining(lastSeen);
        silo.Status = status;
        if (suspectedAt is { } at) silo.AddSuspector(MembershipApi.Joining().SiloAddress, at);
        return silo;
    }

    [Fact]
    public async Task Clean_up_removes_only_dead_silos_last_updated_before_the_cut_off()
    {
        var table = await api.NewTableAsync("cleanup");
        var longDead = Silo(SiloStatus.Dead, Now.AddDays(-10));
        var justDied = Silo(SiloStatus.Dead, Now.AddHours(-1));
        var declaredDeadJustNow = Silo(SiloStatus.Dead, Now.AddDays(-10), suspectedAt: Now.AddMinutes(-1));
        var oldActive = Silo(SiloStatus.Active, Now.AddDays(-10));
        var oldJoining = Silo(SiloStatus.Joining, Now.AddDays(-10));
        foreach (var silo in new[] { longDead, justDied, declaredDeadJustNow, oldActive, oldJoining })
            await MembershipApi.InsertAsync(table, silo);
        var version = (await table.ReadAllAsync()).Version;

        await table.CleanupDefunctSiloEntriesAsync(Now.AddDays(-7));

        var after = await table.ReadAllAsync();
        Assert.Equal(
            new[] { justDied, declaredDeadJustNow, oldActive, oldJoining }.Select(s => s.SiloAddress).Order(),
            after.Members.Select(m => m.Item1.SiloAddress).Order());
        Assert.Equal(version, after.Version);
    }

    [Fact]
    public async Task Clean_up_with_nothing_to_remove_leaves_the_configmap_unwritten()
    {
        var table = await api.NewTableAsync("cleanup-nothing");
        await MembershipApi.InsertAsync(table, Silo(SiloStatus.Active, Now));
        var before = (await api.ConfigMapOf("cleanup-nothing")).Metadata.ResourceVersion;

        await table.CleanupDefunctSiloEntriesAsync(Now.AddDays(-7));

        Assert.Equal(before, (await api.ConfigMapOf("cleanup-nothing")).Metadata.ResourceVersion);
    }

    [Fact]
    public async Task Deleting_a_clusters_entries_removes_its_configmap_and_no_other()
    {
        var doomed = await api.NewTableAsync("doomed");
        var kept = await api.NewTableAsync("kept");
        await MembershipApi.InsertAsync(doomed, Silo(SiloStatus.Active, Now));
        await MembershipApi.InsertAsync(kept, Silo(SiloStatus.Active, Now));

        await kept.DeleteMembershipTableEntriesAsync("doomed");

        var names = (await api.Client.CoreV1.ListNamespacedConfigMapAsync(MembershipApi.Namespace)).Items.Select(m => m.Metadata.Name).ToList();
        Assert.DoesNotContain(MembershipApi.ObjectNameOf("doomed"), names);
        Assert.Contains(MembershipApi.ObjectNameOf("kept"), names);
        Assert.Empty((await api.Table("doomed").ReadAllAsync()).Members);
        Assert.Single((await kept.ReadAllAsync()).Members);
    }

    [Fact]
    public async Task A_table_whose_configmap_was_deleted_reads_empty_and_the_next_insert_writes_it_again()
    {
        var table = await api.NewTableAsync("recreated");
        await table.DeleteMembershipTableEntriesAsync("recreated");

        var read = await table.ReadAllAsync();
        Assert.Empty(read.Members);
        var silo = Silo(SiloStatus.Joining, Now);
        Assert.True(await table.InsertRowAsync(silo, read.Version.Next()));

        Assert.Equal(silo.SiloAddress, Assert.Single((await api.Table("recreated").ReadAllAsync()).Members).Item1.SiloAddress);
    }
}
