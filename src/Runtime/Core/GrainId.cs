namespace Actors.Runtime;

/// <summary>
/// The identity of a grain: its grain type plus its key, printed as <c>type/key</c>.
/// The key may itself contain '/', the type never does, so the first '/' separates them.
/// </summary>
public readonly struct GrainId : IEquatable<GrainId>
{
    public GrainId(string type, string key)
    {
        ArgumentException.ThrowIfNullOrEmpty(type);
        ArgumentNullException.ThrowIfNull(key);
        if (type.Contains('/')) throw new ArgumentException($"Grain type '{type}' must not contain '/'.", nameof(type));
        Type = type;
        Key = key;
    }

    public string Type { get; }
    public string Key { get; }

    public static GrainId Parse(string text)
    {
        var slash = text.IndexOf('/');
        if (slash <= 0) throw new FormatException($"'{text}' is not a grain id; expected 'type/key'.");
        return new GrainId(text[..slash], text[(slash + 1)..]);
    }

    public bool Equals(GrainId other) => string.Equals(Type, other.Type, StringComparison.Ordinal) && string.Equals(Key, other.Key, StringComparison.Ordinal);
    public override bool Equals(object? obj) => obj is GrainId other && Equals(other);
    public override int GetHashCode() => HashCode.Combine(Type, Key);
    public override string ToString() => $"{Type}/{Key}";
    public static bool operator ==(GrainId left, GrainId right) => left.Equals(right);
    public static bool operator !=(GrainId left, GrainId right) => !left.Equals(right);
}
