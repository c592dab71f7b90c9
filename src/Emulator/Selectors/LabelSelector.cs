using Actors.Emulator.Handlers;

namespace Actors.Emulator.Selectors;

/// <summary>
/// A parsed label selector: <c>a=b</c>, <c>a==b</c>, <c>a!=b</c>, <c>a in (x,y)</c>,
/// <c>a notin (x)</c>, <c>a</c> (exists) and <c>!a</c> (does not exist), all of which must hold.
/// </summary>
public sealed class LabelSelector
{
    enum Op { Equals, NotEquals, In, NotIn, Exists, DoesNotExist }
    sealed record Requirement(string Key, Op Op, string[] Values);

    readonly List<Requirement> requirements;
    LabelSelector(List<Requirement> r) => requirements = r;

    public static readonly LabelSelector Everything = new([]);

    public bool Matches(IReadOnlyDictionary<string, string> labels) => requirements.All(r => r.Op switch
    {
        Op.Equals => labels.TryGetValue(r.Key, out var v) && v == r.Values[0],
        Op.NotEquals => !labels.TryGetValue(r.Key, out var v) || v != r.Values[0],
        Op.In => labels.TryGetValue(r.Key, out var v) && r.Values.Contains(v),
        Op.NotIn => !labels.TryGetValue(r.Key, out var v) || !r.Values.Contains(v),
        Op.Exists => labels.ContainsKey(r.Key),
        _ => !labels.ContainsKey(r.Key),
    });

    public static LabelSelector Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return Everything;
        var result = new List<Requirement>();
        foreach (var term in SplitTerms(text))
        {
            var t = term.Trim();
            if (t.Length == 0) continue;
            result.Add(ParseTerm(t));
        }
        return new LabelSelector(result);
    }

    // Commas separate requirements except inside the parentheses of in/notin.
    static IEnumerable<string> SplitTerms(string text)
    {
        var depth = 0;
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '(') depth++;
            else if (text[i] == ')') depth--;
            else if (text[i] == ',' && depth == 0) { yield return text[start..i]; start = i + 1; }
        }
        yield return text[start..];
    }

    static Requirement ParseTerm(string t)
    {
        if (t.StartsWith('!')) return new(Key(t[1..]), Op.DoesNotExist, []);
        var notEq = t.IndexOf("!=", StringComparison.Ordinal);
        if (notEq > 0) return new(Key(t[..notEq]), Op.NotEquals, [t[(notEq + 2)..].Trim()]);
        var eq = t.IndexOf('=');
        if (eq > 0)
        {
            var value = t[(eq + 1)..];
            if (value.StartsWith('=')) value = value[1..];
            return new(Key(t[..eq]), Op.Equals, [value.Trim()]);
        }
        var open = t.IndexOf('(');
        if (open > 0 && t.EndsWith(')'))
        {
            var head = t[..open].Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (head.Length != 2 || head[1] is not ("in" or "notin"))
                throw ApiError.BadRequest($"unable to parse requirement: \"{t}\"");
            var values = t[(open + 1)..^1].Split(',').Select(v => v.Trim()).Where(v => v.Length > 0).ToArray();
            return new(Key(head[0]), head[1] == "in" ? Op.In : Op.NotIn, values);
        }
        return new(Key(t), Op.Exists, []);
    }

    static string Key(string k)
    {
        k = k.Trim();
        if (k.Length == 0 || k.Any(char.IsWhiteSpace) || k.IndexOfAny(['(', ')', '!', '=']) >= 0)
            throw ApiError.BadRequest($"unable to parse requirement: invalid label key \"{k}\"");
        return k;
    }
}
