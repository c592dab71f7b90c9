namespace Actors.Storage.Membership;

/// <summary>
/// The newest table this silo has read or written: what it writes back if the ConfigMap is lost
/// (<see cref="TableRecovery"/>). Reads and writes of one silo run concurrently (a heartbeat beside
/// a status update), so an older version of the table offered late never replaces a newer one.
/// </summary>
public sealed class TableCopy
{
    private readonly Lock gate = new();
    private MembershipDocument? newest;

    public MembershipDocument? Newest
    {
        get { lock (gate) return newest; }
    }

    public void Offer(MembershipDocument table)
    {
        if (table.IsAbsent) return;
        lock (gate)
            if (newest is null || newest.TableId != table.TableId || table.Version >= newest.Version) newest = table;
    }
}
