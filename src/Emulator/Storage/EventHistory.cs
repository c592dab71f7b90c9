namespace Actors.Emulator.Storage;

/// <summary>
/// A bounded window of recent events, like etcd's compaction window: watches may resume from any
/// revision inside it; older revisions answer 410 Gone so clients relist.
/// </summary>
internal sealed class EventHistory(int capacity)
{
    readonly LinkedList<StoredEvent> events = new();

    /// <summary>The oldest revision a watch may resume from: events after it are all retained.</summary>
    public long Compacted { get; private set; }

    public void Add(StoredEvent e)
    {
        events.AddLast(e);
        while (events.Count > Math.Max(1, capacity))
        {
            Compacted = events.First!.Value.Revision;
            events.RemoveFirst();
        }
    }

    /// <summary>Forgets everything up to <paramref name="revision"/> so older watches get 410.</summary>
    public void Expire(long revision)
    {
        Compacted = Math.Max(Compacted, revision);
        while (events.First is { } first && first.Value.Revision <= Compacted) events.RemoveFirst();
    }

    public bool TryReplayAfter(long revision, out List<StoredEvent> replay)
    {
        replay = [];
        if (revision < Compacted) return false;
        replay.AddRange(events.Where(e => e.Revision > revision));
        return true;
    }
}
