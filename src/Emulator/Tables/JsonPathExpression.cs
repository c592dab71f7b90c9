using System.Text.Json.Nodes;

namespace Actors.Emulator.Tables;

/// <summary>
/// The JSONPath subset printer columns use: <c>.spec.replicas</c>, <c>.items[0]</c>, <c>[*]</c> and
/// filters such as <c>.status.conditions[?(@.type=="Ready")].status</c>.
/// </summary>
public static class JsonPathExpression
{
    public static IReadOnlyList<JsonNode?> Evaluate(JsonNode? root, string path)
    {
        var expr = path.Trim();
        if (expr.StartsWith('{') && expr.EndsWith('}')) expr = expr[1..^1];
        if (expr.StartsWith('$')) expr = expr[1..];
        var current = new List<JsonNode?> { root };
        var i = 0;
        while (i < expr.Length && current.Count > 0)
        {
            if (expr[i] == '.')
            {
                var end = i + 1;
                while (end < expr.Length && expr[end] != '.' && expr[end] != '[') end++;
                var field = expr[(i + 1)..end];
                if (field.Length > 0)
                    current = current.Select(n => n is JsonObject o && o.TryGetPropertyValue(field, out var v) ? v : null)
                        .Where(n => n is not null).ToList();
                i = end;
            }
            else if (expr[i] == '[')
            {
                var end = Closing(expr, i);
                var inner = expr[(i + 1)..end].Trim();
                current = current.SelectMany(n => Index(n, inner)).ToList();
                i = end + 1;
            }
            else i++;
        }
        return current;
    }

    static int Closing(string expr, int open)
    {
        var depth = 0;
        for (var j = open; j < expr.Length; j++)
        {
            if (expr[j] == '[') depth++;
            else if (expr[j] == ']' && --depth == 0) return j;
        }
        return expr.Length - 1;
    }

    static IEnumerable<JsonNode?> Index(JsonNode? node, string inner)
    {
        if (node is not JsonArray a) yield break;
        if (inner == "*") { foreach (var item in a) yield return item; yield break; }
        if (int.TryParse(inner, out var index))
        {
            if (index < 0) index += a.Count;
            if (index >= 0 && index < a.Count) yield return a[index];
            yield break;
        }
        if (inner.StartsWith("?(") && inner.EndsWith(')'))
        {
            var condition = inner[2..^1];
            var eq = condition.IndexOf("==", StringComparison.Ordinal);
            if (eq < 0) yield break;
            var left = condition[..eq].Trim();
            var right = condition[(eq + 2)..].Trim().Trim('"', '\'');
            foreach (var item in a)
            {
                var value = Evaluate(item, left.TrimStart('@')).FirstOrDefault();
                if (Render(value) == right) yield return item;
            }
        }
    }

    public static string Render(JsonNode? node) => node switch
    {
        null => "",
        JsonValue v when v.TryGetValue<string>(out var s) => s,
        _ => node.ToJsonString(),
    };
}
