using System.Collections;

namespace Actors.Grains.Rendering;

/// <summary>
/// A node's <c>server.properties</c> in the order they are written (identity first, then the
/// user's overrides by key). Its own type because it crosses grain calls and must keep that
/// order: an array of pairs has an Orleans codec, an ordered dictionary has none.
/// </summary>
[GenerateSerializer, Immutable, Alias("actors.ServerProperties")]
public sealed class ServerProperties : IReadOnlyCollection<KeyValuePair<string, string>>
{
    [Id(0)]
    private readonly KeyValuePair<string, string>[] _entries;

    public ServerProperties(IEnumerable<KeyValuePair<string, string>> entries) => _entries = [.. entries];

    public int Count => _entries.Length;

    /// <summary>The value of <paramref name="key"/>; throws when it is not set, like a dictionary.</summary>
    public string this[string key] =>
        TryGetValue(key, out var value) ? value : throw new KeyNotFoundException($"server property '{key}' is not set");

    public IEnumerable<string> Keys => _entries.Select(e => e.Key);

    public bool ContainsKey(string key) => TryGetValue(key, out _);

    public bool TryGetValue(string key, out string value)
    {
        foreach (var entry in _entries)
            if (entry.Key == key)
            {
                value = entry.Value;
                return true;
            }
        value = "";
        return false;
    }

    public IEnumerator<KeyValuePair<string, string>> GetEnumerator() => ((IEnumerable<KeyValuePair<string, string>>)_entries).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
