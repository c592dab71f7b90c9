using Actors.Storage.Membership;

namespace Actors.GrainRuntime.Tests.Membership;

/// <summary>The recovery decision alone: when a silo writes its copy back, and what it writes.</summary>
public sealed class TableRecoveryTests
{
    private static SiloRow Row(string address, string status = "Active") =>
        new(address, $"etag-{address}", status, "silo", "host", 30000, DateTime.UnixEpoch, DateTime.UnixEpoch, null);

    private static MembershipDocument Table(int version, params SiloRow[] rows) => new(1, "c", version, $"v{version}", rows);

    [Fact]
    public void A_stored_table_as_new_as_the_copy_is_used_as_it_is()
    {
        Assert.Null(TableRecovery.Decide(Table(5, Row("a")), null, Table(5, Row("a")), "new"));
        Assert.Null(TableRecovery.Decide(Table(6), null, Table(5, Row("a")), "new"));
    }

    [Fact]
    public void Without_a_copy_or_with_an_empty_one_nothing_is_restored()
    {
        Assert.Null(TableRecovery.Decide(MembershipDocument.Absent("c"), null, null, "new"));
        Assert.Null(TableRecovery.Decide(MembershipDocument.Absent("c"), "garbage", Table(3), "new"));
    }

    [Fact]
    public void An_absent_table_is_the_copy_at_the_next_version_with_a_new_etag()
    {
        var restore = TableRecovery.Decide(MembershipDocument.Absent("c"), null, Table(7, Row("a"), Row("b", "Dead")), "new")!;

        Assert.Equal(8, restore.Table.Version);
        Assert.Equal("new", restore.Table.VersionEtag);
        Assert.Equal(["a", "b"], restore.Table.Silos.Select(r => r.Address));
        Assert.Contains("deleted", restore.Found);
    }

    [Fact]
    public void An_older_table_keeps_the_rows_only_it_has_and_takes_a_version_above_both()
    {
        var restore = TableRecovery.Decide(Table(2, Row("a", "Joining"), Row("c")), null, Table(7, Row("a"), Row("b")), "new")!;

        Assert.Equal(8, restore.Table.Version);
        Assert.Equal(["a", "b", "c"], restore.Table.Silos.Select(r => r.Address));
        Assert.Equal("Active", restore.Table.Find("a")!.Status);
        Assert.Contains("went back from version 7 to 2", restore.Found);
    }

    [Fact]
    public void A_table_made_anew_gets_the_copys_rows_and_keeps_its_own_id_and_rows()
    {
        var stored = Table(9, Row("c"), Row("b", "Dead")) with { TableId = "fresh" };
        var known = Table(7, Row("a"), Row("b")) with { TableId = "lost" };

        var restore = TableRecovery.Decide(stored, null, known, "new")!;

        Assert.Equal(("fresh", 10), (restore.Table.TableId, restore.Table.Version));
        Assert.Equal(["a", "b", "c"], restore.Table.Silos.Select(r => r.Address));
        Assert.Equal("Dead", restore.Table.Find("b")!.Status);
        Assert.Contains("made anew", restore.Found);
        Assert.Null(TableRecovery.Decide(restore.Table, null, restore.Table with { Version = 9 }, "newer"));
    }

    [Fact]
    public void An_unreadable_table_names_what_it_held()
    {
        var restore = TableRecovery.Decide(MembershipDocument.Absent("c"), "its 'membership.json' is not valid JSON", Table(4, Row("a")), "new")!;

        Assert.Contains("not valid JSON", restore.Found);
        Assert.Equal(5, restore.Table.Version);
    }
}
