using k8s;
using k8s.Models;

namespace Actors.Kubernetes;

public enum CacheChangeType { Added, Updated, Deleted }

/// <summary>What one event or relist did to the cache, as handlers are told it.</summary>
public readonly record struct CacheChange<T>(CacheChangeType Type, T? Old, T? New) where T : class;

/// <summary>
/// The local copy of one collection, indexed by namespace and by label key/value. Pure state:
/// feeding it a watch event or a fresh list returns the changes that produced, so the informer
/// (the effect loop around it) only has to tell handlers. Safe for concurrent readers.
/// An optional transform trims each object before it is kept (client-go's SetTransform): what a
/// cache of thousands of objects holds is what its readers need, not everything the API sent.
/// </summary>
public sealed class InformerCache<T>(Func<T, T>? transform = null) where T : class, IKubernetesObject<V1ObjectMeta>
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, T> _items = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<string>> _byNamespace = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Key, string Value), HashSet<string>> _byLabel = new();

    public static string KeyOf(string? @namespace, string name) => string.IsNullOrEmpty(@namespace) ? name : $"{@namespace}/{name}";

    public static string KeyOf(T item) => KeyOf(item.Metadata.NamespaceProperty, item.Metadata.Name ?? "");

    public int Count { get { lock (_gate) return _items.Count; } }

    public T? Get(string name, string? @namespace = null)
    {
        lock (_gate) return _items.GetValueOrDefault(KeyOf(@namespace, name));
    }

    public IReadOnlyList<T> List()
    {
        lock (_gate) return [.. _items.Values];
    }

    public IReadOnlyList<T> ListInNamespace(string @namespace)
    {
        lock (_gate) return Select(_byNamespace.GetValueOrDefault(@namespace));
    }

    /// <summary>Objects labelled key=value, optionally only in one namespace.</summary>
    public IReadOnlyList<T> ListByLabel(string key, string value, string? @namespace = null)
    {
        lock (_gate)
        {
            var found = Select(_byLabel.GetValueOrDefault((key, value)));
            return @namespace is null ? found : [.. found.Where(i => i.Metadata.NamespaceProperty == @namespace)];
        }
    }

    /// <summary>Applies one watch event; null when it changed nothing (a bookmark).</summary>
    public CacheChange<T>? Apply(WatchChange<T> change)
    {
        if (change.Object is not { } received) return null;
        var item = Trim(received);
        lock (_gate)
        {
            var key = KeyOf(item);
            _items.TryGetValue(key, out var old);
            switch (change.Type)
            {
                case WatchChangeType.Added or WatchChangeType.Modified:
                    Put(key, old, item);
                    return old is null ? new CacheChange<T>(CacheChangeType.Added, null, item) : new CacheChange<T>(CacheChangeType.Updated, old, item);
                case WatchChangeType.Deleted:
                    if (old is not null) Remove(key, old);
                    return new CacheChange<T>(CacheChangeType.Deleted, old ?? item, null);
                default:
                    return null;
            }
        }
    }

    /// <summary>
    /// Removes an object known only by its key (its deletion arrived in a form the model cannot
    /// read); null when it was not cached.
    /// </summary>
    public CacheChange<T>? Remove(string? @namespace, string name)
    {
        lock (_gate)
        {
            var key = KeyOf(@namespace, name);
            if (!_items.TryGetValue(key, out var old)) return null;
            Remove(key, old);
            return new CacheChange<T>(CacheChangeType.Deleted, old, null);
        }
    }

    /// <summary>
    /// Replaces the content with a fresh list: objects no longer there are deleted, new ones
    /// added, and ones whose resourceVersion moved updated. With <paramref name="namespace"/> the
    /// list is that namespace's alone: objects of other namespaces (listed by their own watches) stay.
    /// </summary>
    public IReadOnlyList<CacheChange<T>> Replace(IEnumerable<T> items, string? @namespace = null)
    {
        var changes = new List<CacheChange<T>>();
        lock (_gate)
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var received in items)
            {
                var item = Trim(received);
                var key = KeyOf(item);
                seen.Add(key);
                if (_items.TryGetValue(key, out var old))
                {
                    Put(key, old, item);
                    if (old.Metadata.ResourceVersion != item.Metadata.ResourceVersion || old.Metadata.Uid != item.Metadata.Uid)
                        changes.Add(new CacheChange<T>(CacheChangeType.Updated, old, item));
                }
                else
                {
                    Put(key, null, item);
                    changes.Add(new CacheChange<T>(CacheChangeType.Added, null, item));
                }
            }
            IEnumerable<string> listed = @namespace is null ? _items.Keys : _byNamespace.GetValueOrDefault(@namespace) ?? [];
            foreach (var key in listed.Where(k => !seen.Contains(k)).ToList())
            {
                var old = _items[key];
                Remove(key, old);
                changes.Add(new CacheChange<T>(CacheChangeType.Deleted, old, null));
            }
        }
        return changes;
    }

    /// <summary>The transform keeps the object's identity (name, namespace): the key is read after it.</summary>
    private T Trim(T item) => transform is null ? item : transform(item);

    private void Put(string key, T? old, T item)
    {
        if (old is not null) Unindex(key, old);
        _items[key] = item;
        Index(key, item);
    }

    private void Remove(string key, T old)
    {
        Unindex(key, old);
        _items.Remove(key);
    }

    private void Index(string key, T item)
    {
        Add(_byNamespace, item.Metadata.NamespaceProperty ?? "", key);
        foreach (var (label, value) in item.Metadata.Labels ?? new Dictionary<string, string>())
            Add(_byLabel, (label, value), key);
    }

    private void Unindex(string key, T item)
    {
        RemoveFrom(_byNamespace, item.Metadata.NamespaceProperty ?? "", key);
        foreach (var (label, value) in item.Metadata.Labels ?? new Dictionary<string, string>())
            RemoveFrom(_byLabel, (label, value), key);
    }

    private static void Add<TKey>(Dictionary<TKey, HashSet<string>> index, TKey indexKey, string key) where TKey : notnull
    {
        if (!index.TryGetValue(indexKey, out var keys)) index[indexKey] = keys = new HashSet<string>(StringComparer.Ordinal);
        keys.Add(key);
    }

    private static void RemoveFrom<TKey>(Dictionary<TKey, HashSet<string>> index, TKey indexKey, string key) where TKey : notnull
    {
        if (!index.TryGetValue(indexKey, out var keys)) return;
        keys.Remove(key);
        if (keys.Count == 0) index.Remove(indexKey);
    }

    private List<T> Select(HashSet<string>? keys) => keys is null ? [] : [.. keys.Select(k => _items[k])];
}
