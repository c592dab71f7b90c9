using Orleans;
using Orleans.Runtime;

namespace Actors.Storage.Membership;

/// <summary>
/// Orleans' <see cref="MembershipEntry"/> to and from its stored row. Addresses are
/// <see cref="SiloAddress.ToParsableString"/> (ip:port@generation), statuses their names, times UTC.
/// Every column round-trips, so a row reads back as Orleans wrote it.
/// </summary>
public static class SiloRows
{
    public static string AddressOf(SiloAddress silo) => silo.ToParsableString();

    public static SiloRow From(MembershipEntry entry, string etag) => new(
        AddressOf(entry.SiloAddress),
        etag,
        entry.Status.ToString(),
        entry.SiloName,
        entry.HostName,
        entry.ProxyPort,
        Utc(entry.StartTime),
        Utc(entry.IAmAliveTime),
        entry.SuspectTimes?.Select(vote => new SuspectVote(AddressOf(vote.Item1), Utc(vote.Item2))).ToList(),
        entry.RoleName,
        entry.UpdateZone,
        entry.FaultZone);

    public static MembershipEntry ToEntry(SiloRow row) => new()
    {
        SiloAddress = SiloAddress.FromParsableString(row.Address),
        Status = Enum.Parse<SiloStatus>(row.Status),
        SuspectTimes = row.Suspicions?.Select(vote => Tuple.Create(SiloAddress.FromParsableString(vote.By), vote.At)).ToList(),
        ProxyPort = row.ProxyPort,
        HostName = row.HostName,
        SiloName = row.SiloName,
        RoleName = row.RoleName,
        UpdateZone = row.UpdateZone,
        FaultZone = row.FaultZone,
        StartTime = row.StartTime,
        IAmAliveTime = row.IAmAliveTime,
    };

    /// <summary>Why the row cannot be an Orleans entry; null when it can.</summary>
    public static string? ProblemOf(SiloRow row)
    {
        if (row.Address is null || row.Etag is null || row.Status is null) return "a silo row lacks address, etag or status";
        if (!Enum.TryParse<SiloStatus>(row.Status, out _)) return $"silo {row.Address} has unknown status '{row.Status}'";
        try
        {
            SiloAddress.FromParsableString(row.Address);
            foreach (var vote in row.Suspicions ?? []) SiloAddress.FromParsableString(vote.By);
        }
        catch (Exception e) when (e is FormatException or ArgumentException or IndexOutOfRangeException)
        {
            return $"silo {row.Address} has an address that is not ip:port@generation ({e.Message})";
        }
        return null;
    }

    /// <summary>
    /// The last time anything was recorded about this silo: its start, its heartbeat, or a vote
    /// against it. A silo declared dead just now, long after its last heartbeat, is recent by this
    /// measure, so clean-up keeps it visible (as Orleans' own cleanup agent measures).
    /// </summary>
    public static DateTime LastUpdate(SiloRow row)
    {
        var latest = row.StartTime > row.IAmAliveTime ? row.StartTime : row.IAmAliveTime;
        foreach (var vote in row.Suspicions ?? [])
            if (vote.At > latest) latest = vote.At;
        return latest;
    }

    public static DateTime Utc(DateTime time) => time.Kind == DateTimeKind.Local ? time.ToUniversalTime() : DateTime.SpecifyKind(time, DateTimeKind.Utc);
}
