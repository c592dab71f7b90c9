using System.Text.Json.Nodes;

namespace Actors.Kubernetes.Tests.Fuzz;

public enum MutationKind
{
    WrongType,
    OutOfRange,
    HugeString,
    DeepNesting,
    Removed,
    Null,
    UnknownField,
    InvalidEscape,
    OddCharacters,
    MetadataGone,
}

/// <summary>
/// One change to a valid object, aimed at one of its nodes by <see cref="Target"/> (an index into
/// every node, taken modulo their number) and shaped by <see cref="Shape"/>. Values JSON cannot
/// build as a tree (1e400, a lone surrogate, nesting past the writer's depth) are written as a
/// marker string and swapped for their raw text afterwards.
/// </summary>
public sealed record Mutation(MutationKind Kind, int Target, int Shape)
{
    private static readonly string[] WrongTypes = ["\"x\"", "\"\"", "true", "false", "0", "7", "-1", "1.5", "[]", "[1,\"a\"]", "{}", "{\"a\":1}"];
    private static readonly string[] OutOfRangeNumbers =
        ["2147483648", "-2147483649", "9223372036854775808", "-9223372036854775809", "1e400", "-1e400", "1e-400", "1.5", "-0.0", "99999999999999999999999999999"];
    private static readonly string[] LoneSurrogates = ["\"\\ud800\"", "\"a\\udc00b\"", "\"\\udfff\\ud800\"", "\"\\ud83d\\u0041\"", "\"x\\ud800\""];
    private static readonly string[] OddStrings = ["\u0000", "\uFFFD\uFFFD", "é", "😀", "line\nbreak", "\t", " ", "\u202E", "\\", "\"", "</script>"];

    public override string ToString() => $"{Kind}@{Target}/{Shape}";

    /// <summary>Applies this change to <paramref name="root"/>, recording raw replacements in <paramref name="raw"/>.</summary>
    public void ApplyTo(JsonObject root, Dictionary<string, string> raw)
    {
        if (Kind == MutationKind.MetadataGone)
        {
            if (Shape % 3 == 0) root.Remove("metadata");
            else root["metadata"] = Shape % 3 == 1 ? null : Marker(raw, Pick(WrongTypes));
            return;
        }
        var places = Places(root);
        var (parent, key, index) = places[(int)((uint)Target % (uint)places.Count)];
        JsonNode? Current() => key is not null ? ((JsonObject)parent)[key] : ((JsonArray)parent)[index];
        void Set(JsonNode? value)
        {
            if (key is not null) ((JsonObject)parent)[key] = value;
            else ((JsonArray)parent)[index] = value;
        }

        switch (Kind)
        {
            case MutationKind.WrongType: Set(Marker(raw, Pick(WrongTypes))); break;
            case MutationKind.OutOfRange: Set(Marker(raw, Pick(OutOfRangeNumbers))); break;
            case MutationKind.HugeString: Set(JsonValue.Create(new string((char)('a' + Shape % 26), 100_000 + Shape % 100_000))); break;
            case MutationKind.DeepNesting: Set(Marker(raw, Nested(65 + Shape % 3000, Shape % 2 == 0))); break;
            case MutationKind.Null: Set(null); break;
            case MutationKind.InvalidEscape: Set(Marker(raw, Pick(LoneSurrogates))); break;
            case MutationKind.OddCharacters: Set(JsonValue.Create((Current() is JsonValue v && v.TryGetValue<string>(out var s) ? s : "") + Pick(OddStrings))); break;
            case MutationKind.Removed:
                if (key is not null) ((JsonObject)parent).Remove(key);
                else ((JsonArray)parent).RemoveAt(index);
                break;
            case MutationKind.UnknownField:
                var target = Current() as JsonObject ?? parent as JsonObject;
                if (target is not null) target[Shape % 2 == 0 ? "unknownField" + Shape % 7 : Marker(raw, Pick(LoneSurrogates)).GetValue<string>()] = Shape % 5;
                break;
        }
    }

    private string Pick(string[] values) => values[(int)((uint)Shape % (uint)values.Length)];

    private static string Nested(int depth, bool arrays) => arrays
        ? new string('[', depth) + "1" + new string(']', depth)
        : string.Concat(Enumerable.Repeat("{\"a\":", depth)) + "1" + new string('}', depth);

    private static JsonValue Marker(Dictionary<string, string> raw, string text)
    {
        var marker = $"@@raw{raw.Count}@@";
        raw[marker] = text;
        return JsonValue.Create(marker);
    }

    /// <summary>Every node below the root, as (container, property name or array index).</summary>
    private static List<(JsonNode Parent, string? Key, int Index)> Places(JsonObject root)
    {
        var places = new List<(JsonNode, string?, int)>();
        void Walk(JsonNode node)
        {
            if (node is JsonObject o)
                foreach (var (k, child) in o.ToList())
                {
                    places.Add((o, k, -1));
                    if (child is not null) Walk(child);
                }
            else if (node is JsonArray a)
                for (var i = 0; i < a.Count; i++)
                {
                    places.Add((a, null, i));
                    if (a[i] is { } child) Walk(child);
                }
        }
        Walk(root);
        return places;
    }
}
