using Orleans;
using Orleans.Runtime;

namespace Actors.Storage.Membership;

/// <summary>
/// Orleans' membership contract as pure decisions over the stored document; the table around them
/// only reads, writes and retries. Invariants kept:
/// <list type="bullet">
/// <item>A versioned change (insert, update) applies only if the writer presents the table's current
///   <see cref="MembershipDocument.VersionEtag"/>; it then stores the writer's new version and a fresh etag,
///   so whoever read the table before it fails, exactly once per change.</item>
/// <item>An insert never replaces a row; an update needs the row and its current row etag.</item>
/// <item>A heartbeat changes only that row's IAmAlive time: no etag moves, so it never refuses a
///   concurrent insert or update that was decided on an earlier read.</item>
/// <item>Clean-up removes only Dead rows last updated before the cut-off and leaves the version alone.</item>
/// </list>
/// The new etags are arguments so each decision is deterministic.
/// </summary>
public static class MembershipRules
{
    public static MembershipChange Insert(MembershipDocument table, MembershipEntry entry, TableVersion next, string newVersionEtag, string newRowEtag)
    {
        if (table.VersionEtag != next.VersionEtag)
            return MembershipChange.Refused($"the table moved on (etag {table.VersionEtag}, version {table.Version}; the writer read etag {next.VersionEtag})");
        var address = SiloRows.AddressOf(entry.SiloAddress);
        if (table.Find(address) is not null)
            return MembershipChange.Refused($"silo {address} already has a row");
        return MembershipChange.To(table with
        {
            Version = next.Version,
            VersionEtag = newVersionEtag,
            Silos = [.. table.Silos, SiloRows.From(entry, newRowEtag)],
        });
    }

    public static MembershipChange Update(MembershipDocument table, MembershipEntry entry, string rowEtag, TableVersion next, string newVersionEtag, string newRowEtag)
    {
        if (table.VersionEtag != next.VersionEtag)
            return MembershipChange.Refused($"the table moved on (etag {table.VersionEtag}, version {table.Version}; the writer read etag {next.VersionEtag})");
        var address = SiloRows.AddressOf(entry.SiloAddress);
        if (table.Find(address) is not { } row)
            return MembershipChange.Refused($"silo {address} has no row");
        if (row.Etag != rowEtag)
            return MembershipChange.Refused($"the row of silo {address} moved on (etag {row.Etag}; the writer read {rowEtag})");
        return MembershipChange.To(table with
        {
            Version = next.Version,
            VersionEtag = newVersionEtag,
            Silos = [.. table.Silos.Select(r => r == row ? SiloRows.From(entry, newRowEtag) : r)],
        });
    }

    public static MembershipChange Heartbeat(MembershipDocument table, SiloAddress silo, DateTime iAmAlive)
    {
        var address = SiloRows.AddressOf(silo);
        if (table.Find(address) is not { } row)
            return MembershipChange.Refused($"silo {address} has no row to record its heartbeat in");
        var beat = row with { IAmAliveTime = SiloRows.Utc(iAmAlive) };
        return MembershipChange.To(table with { Silos = [.. table.Silos.Select(r => r == row ? beat : r)] });
    }

    public static MembershipChange RemoveDefunct(MembershipDocument table, DateTimeOffset before)
    {
        var kept = table.Silos.Where(row => !(row.Status == nameof(SiloStatus.Dead) && SiloRows.LastUpdate(row) < before.UtcDateTime)).ToList();
        return kept.Count == table.Silos.Count ? MembershipChange.None : MembershipChange.To(table with { Silos = kept });
    }

    /// <summary>All rows with their etags and the table version, as Orleans reads them.</summary>
    public static MembershipTableData Read(MembershipDocument table) =>
        new([.. table.Silos.Select(row => Tuple.Create(SiloRows.ToEntry(row), row.Etag))], VersionOf(table));

    /// <summary>One silo's row (none if it has none) with the table version, from the same document.</summary>
    public static MembershipTableData ReadRow(MembershipDocument table, SiloAddress silo) =>
        table.Find(SiloRows.AddressOf(silo)) is { } row
            ? new MembershipTableData(Tuple.Create(SiloRows.ToEntry(row), row.Etag), VersionOf(table))
            : new MembershipTableData(VersionOf(table));

    private static TableVersion VersionOf(MembershipDocument table) => new(table.Version, table.VersionEtag);
}
