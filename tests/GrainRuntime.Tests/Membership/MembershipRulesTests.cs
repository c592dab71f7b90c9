using Actors.Storage.Membership;
using Orleans;
using Orleans.Runtime;

namespace Actors.GrainRuntime.Tests.Membership;

/// <summary>The decisions alone, without the API: what each operation does to the stored document.</summary>
public sealed class MembershipRulesTests
{
    private static readonly MembershipDocument Empty = MembershipDocument.Empty("rules", "e0");

    private static MembershipDocument With(MembershipEntry silo) =>
        MembershipRules.Insert(Empty, silo, new TableVersion(1, "e0"), "e1", "r1").Next!;

    [Fact]
    public void A_heartbeat_changes_only_the_time_of_its_row()
    {
        var silo = MembershipApi.Joining(new DateTime(2026, 12, 3, 15, 0, 0, DateTimeKind.Utc));
        var table = With(silo);
        var beat = new DateTime(2026, 12, 3, 15, 0, 10, DateTimeKind.Utc);

        var after = MembershipRules.Heartbeat(table, silo.SiloAddress, beat).Next!;

        Assert.Equal(table.Silos[0] with { IAmAliveTime = beat }, Assert.Single(after.Silos));
        Assert.Equal((table.Version, table.VersionEtag), (after.Version, after.VersionEtag));
    }

    [Fact]
    public void Every_versioned_change_refuses_whoever_read_the_table_before_it()
    {
        var silo = MembershipApi.Joining();
        var table = With(silo);
        var stale = new TableVersion(1, "e0");

        Assert.True(MembershipRules.Insert(table, MembershipApi.Joining(), stale.Next(), "e2", "r2").IsRefused);
        Assert.True(MembershipRules.Update(table, silo, "r1", stale.Next(), "e2", "r2").IsRefused);
        Assert.False(MembershipRules.Update(table, silo, "r1", new TableVersion(1, "e1").Next(), "e2", "r2").IsRefused);
    }

    [Fact]
    public void Clean_up_of_a_table_without_old_dead_rows_writes_nothing()
    {
        var silo = MembershipApi.Joining(DateTime.UtcNow.AddDays(-30));
        silo.Status = SiloStatus.Active;

        Assert.Equal(MembershipChange.None, MembershipRules.RemoveDefunct(With(silo), DateTimeOffset.UtcNow));
    }

    [Fact]
    public void A_document_with_fields_from_a_later_build_still_reads()
    {
        var text = MembershipDocumentJson.Write(With(MembershipApi.Joining())).Replace("\"format\": 1,", "\"format\": 1, \"shardHint\": 3,");

        var (document, problem) = MembershipDocumentJson.Read(text);

        Assert.Null(problem);
        Assert.Single(document!.Silos);
    }

    [Fact]
    public void A_row_with_a_status_orleans_does_not_have_is_refused_with_the_silo_named()
    {
        var table = With(MembershipApi.Joining());
        var text = MembershipDocumentJson.Write(table).Replace("\"status\": \"Joining\"", "\"status\": \"Sleeping\"");

        var (document, problem) = MembershipDocumentJson.Read(text);

        Assert.Null(document);
        Assert.Contains(table.Silos[0].Address, problem);
        Assert.Contains("'Sleeping'", problem);
    }
}
