using System.Text.Json.Nodes;
using System.Threading.Channels;

namespace Actors.Emulator.Storage;

/// <summary>
/// The emulator's etcd: objects as JSON keyed by storage key, namespace and name, one global
/// revision that every write bumps, a bounded event history and the live watch subscriptions.
/// All semantics (generation, finalizers, garbage collection) live above it; callers take
/// <see cref="Gate"/> around read-modify-write sequences.
/// </summary>
public sealed class ObjectStore
{
    internal readonly object Gate = new();
    readonly Dictionary<string, SortedDictionary<string, JsonObject>> buckets = new();
    readonly EventHistory history;
    readonly List<WatchSubscription> subscriptions = new();
    long revision;

    internal ObjectStore(int historySize, long firstRevision = 1)
    {
        history = new EventHistory(historySize);
        revision = firstRevision;
    }

    public long Revision { get { lock (Gate) return revision; } }

    internal long CompactedRevision { get { lock (Gate) return history.Compacted; } }

    static string Key(string? ns, string name) => $"{ns}/{name}";

    public JsonObject? Get(string storageKey, string? ns, string name)
    {
        lock (Gate)
            return buckets.TryGetValue(storageKey, out var b) && b.TryGetValue(Key(ns, name), out var o) ? o : null;
    }

    /// <summary>Objects of one storage key, optionally of one namespace, in namespace/name order.</summary>
    public List<JsonObject> List(string storageKey, string? ns)
    {
        lock (Gate)
        {
            if (!buckets.TryGetValue(storageKey, out var b)) return [];
            return ns is null ? b.Values.ToList() : b.Values.Where(o => o.Namespace() == ns).ToList();
        }
    }

    internal IEnumerable<string> StorageKeys() { lock (Gate) return buckets.Keys.ToList(); }

    /// <summary>Stores a new version of an object under a fresh revision and notifies watches.</summary>
    internal JsonObject Put(string storageKey, JsonObject obj)
    {
        lock (Gate)
        {
            var bucket = buckets.TryGetValue(storageKey, out var b) ? b : buckets[storageKey] = new();
            var key = Key(obj.Namespace(), obj.Name());
            bucket.TryGetValue(key, out var previous);
            var stored = obj.CloneObject();
            stored.Meta()["resourceVersion"] = (++revision).ToString();
            bucket[key] = stored;
            Publish(new StoredEvent(previous is null ? "ADDED" : "MODIFIED", storageKey, revision, stored, previous));
            return stored;
        }
    }

    /// <summary>Removes an object; the DELETED event carries it with the deletion's revision.</summary>
    internal JsonObject? Remove(string storageKey, string? ns, string name)
    {
        lock (Gate)
        {
            if (!buckets.TryGetValue(storageKey, out var b) || !b.Remove(Key(ns, name), out var previous)) return null;
            var gone = previous.CloneObject();
            gone.Meta()["resourceVersion"] = (++revision).ToString();
            Publish(new StoredEvent("DELETED", storageKey, revision, gone, previous));
            return gone;
        }
    }

    void Publish(StoredEvent e)
    {
        history.Add(e);
        foreach (var s in subscriptions)
            if (s.StorageKey == e.StorageKey) s.Channel.Writer.TryWrite(e);
    }

    /// <summary>
    /// Atomically takes the starting point of a watch and registers it: either the current objects
    /// (no revision given) or the history after a revision. Returns null when that revision is compacted.
    /// </summary>
    internal (WatchSubscription Subscription, List<JsonObject>? Current, List<StoredEvent> Replay)? Subscribe(
        string storageKey, string? ns, long? afterRevision)
    {
        lock (Gate)
        {
            List<StoredEvent> replay = [];
            List<JsonObject>? current = null;
            if (afterRevision is { } rv)
            {
                if (!history.TryReplayAfter(rv, out replay)) return null;
                replay = replay.Where(e => e.StorageKey == storageKey).ToList();
            }
            else current = List(storageKey, ns);
            var sub = new WatchSubscription(this, storageKey, ns, revision);
            subscriptions.Add(sub);
            return (sub, current, replay);
        }
    }

    /// <summary>True while any watch is open (lets tests wait until a client is listening).</summary>
    public bool HasWatchers { get { lock (Gate) return subscriptions.Count > 0; } }

    internal void Unsubscribe(WatchSubscription s) { lock (Gate) subscriptions.Remove(s); }

    internal void CloseAllWatches()
    {
        List<WatchSubscription> all;
        lock (Gate) all = subscriptions.ToList();
        foreach (var s in all) s.Close();
    }

    /// <summary>Ends the watches of one namespace; watches of other namespaces, or of all, stay open.</summary>
    internal void CloseWatches(string ns)
    {
        List<WatchSubscription> inNamespace;
        lock (Gate) inNamespace = subscriptions.Where(s => s.Namespace == ns).ToList();
        foreach (var s in inNamespace) s.Close();
    }

    /// <summary>Moves the revision on and compacts up to it: every resourceVersion handed out so far is now too old.</summary>
    internal void ExpireHistory()
    {
        lock (Gate) history.Expire(++revision);
    }
}

/// <summary>A live watch's queue of committed events.</summary>
internal sealed class WatchSubscription(ObjectStore store, string storageKey, string? ns, long startRevision) : IDisposable
{
    public string StorageKey { get; } = storageKey;
    /// <summary>The namespace watched; null for a watch of all namespaces (or a cluster-scoped kind).</summary>
    public string? Namespace { get; } = ns;
    public long StartRevision { get; } = startRevision;
    public Channel<StoredEvent> Channel { get; } = System.Threading.Channels.Channel.CreateUnbounded<StoredEvent>();
    readonly CancellationTokenSource closed = new();
    public CancellationToken Closed => closed.Token;

    public void Close() { try { closed.Cancel(); } catch (ObjectDisposedException) { } }

    public void Dispose()
    {
        store.Unsubscribe(this);
        Channel.Writer.TryComplete();
    }
}
