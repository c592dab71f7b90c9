namespace Actors.Storage.Membership;

/// <summary>
/// The whole membership table of one Orleans cluster, as stored in its ConfigMap. One object holds
/// every row and the table version, so each change Orleans asks for (a row and the version
/// together) is one conditional write of this document.
/// </summary>
/// <param name="Format">The version of this shape; a build refuses a format it does not know.</param>
/// <param name="ClusterId">The Orleans ClusterId, for whoever reads the object.</param>
/// <param name="Version">Orleans' table version, as the last writer set it.</param>
/// <param name="VersionEtag">Changes on every versioned write; a writer must present the one it read.</param>
/// <param name="Silos">One row per silo incarnation (address and generation).</param>
/// <param name="TableId">
/// Given when the table is first written and kept by every later write, also when a silo writes the
/// table back after a loss: a table with another id was made anew, not changed (<see cref="TableRecovery"/>).
/// Tables written before it existed have none.
/// </param>
public sealed record MembershipDocument(int Format, string ClusterId, int Version, string VersionEtag, IReadOnlyList<SiloRow> Silos, string? TableId = null)
{
    public const int CurrentFormat = 1;

    /// <summary>The version etag of a table not stored yet (no ConfigMap, or one without the key): an insert on it writes the table.</summary>
    public const string AbsentEtag = "absent";

    public static MembershipDocument Absent(string clusterId) => Empty(clusterId, AbsentEtag);

    public static MembershipDocument Empty(string clusterId, string versionEtag, string? tableId = null) => new(CurrentFormat, clusterId, 0, versionEtag, [], tableId);

    public bool IsAbsent => VersionEtag == AbsentEtag;

    public SiloRow? Find(string address) => Silos.FirstOrDefault(row => row.Address == address);
}

/// <summary>
/// One silo's row. <see cref="Etag"/> changes when Orleans updates the row (status, suspicions),
/// never on a heartbeat, so a heartbeat between a silo's read and its update does not refuse it.
/// Times are UTC.
/// </summary>
public sealed record SiloRow(
    string Address,
    string Etag,
    string Status,
    string SiloName,
    string HostName,
    int ProxyPort,
    DateTime StartTime,
    DateTime IAmAliveTime,
    IReadOnlyList<SuspectVote>? Suspicions,
    string? RoleName = null,
    int UpdateZone = 0,
    int FaultZone = 0);

/// <summary>A silo (<paramref name="By"/>) suspected this one dead at <paramref name="At"/> (UTC).</summary>
public sealed record SuspectVote(string By, DateTime At);
