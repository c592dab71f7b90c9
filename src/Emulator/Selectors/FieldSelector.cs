using System.Text.Json.Nodes;
using Actors.Emulator.Handlers;
using Actors.Emulator.Storage;

namespace Actors.Emulator.Selectors;

/// <summary>
/// A parsed field selector (<c>metadata.name=x,status.phase!=Running</c>). Fields are dotted paths
/// into the object; a missing field compares as the empty string, like kube-apiserver's field sets.
/// </summary>
public sealed class FieldSelector
{
    sealed record Requirement(string[] Path, bool Equal, string Value);
    readonly List<Requirement> requirements;
    FieldSelector(List<Requirement> r) => requirements = r;

    public static readonly FieldSelector Everything = new([]);

    /// <summary>The name a selector pins, if it pins one (used to watch a single object).</summary>
    public string? PinnedName => requirements.FirstOrDefault(r => r.Equal && r.Path is ["metadata", "name"])?.Value;

    public bool Matches(JsonObject o) => requirements.All(r => (Value(o, r.Path) == r.Value) == r.Equal);

    static string Value(JsonObject o, string[] path) => o.At(path) switch
    {
        JsonValue v when v.TryGetValue<string>(out var s) => s,
        null => "",
        var n => n.ToJsonString(),
    };

    public static FieldSelector Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return Everything;
        var result = new List<Requirement>();
        foreach (var term in text.Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            var t = term.Trim();
            bool equal;
            int at, skip;
            if ((at = t.IndexOf("!=", StringComparison.Ordinal)) > 0) { equal = false; skip = 2; }
            else if ((at = t.IndexOf("==", StringComparison.Ordinal)) > 0) { equal = true; skip = 2; }
            else if ((at = t.IndexOf('=')) > 0) { equal = true; skip = 1; }
            else throw ApiError.BadRequest($"invalid field selector: '{t}'");
            result.Add(new Requirement(t[..at].Trim().Split('.'), equal, t[(at + skip)..].Trim()));
        }
        return new FieldSelector(result);
    }
}
