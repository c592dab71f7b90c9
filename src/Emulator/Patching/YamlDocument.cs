using System.Globalization;
using System.Text.Json.Nodes;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Actors.Emulator.Patching;

/// <summary>Reads an apply body, which may be JSON or YAML, into a JSON object.</summary>
public static class YamlDocument
{
    public static JsonObject ParseObject(string text) => ParseObject(text, null);

    /// <summary>Parses JSON or YAML; a JSON key given twice keeps its last value and its path goes to <paramref name="duplicates"/>.</summary>
    internal static JsonObject ParseObject(string text, List<string>? duplicates)
    {
        var trimmed = text.TrimStart();
        if (trimmed.StartsWith('{')) return Storage.JsonText.Parse(text, duplicates) as JsonObject ?? new JsonObject();
        var stream = new YamlStream();
        stream.Load(new StringReader(text));
        if (stream.Documents.Count == 0) return new JsonObject();
        return ToJson(stream.Documents[0].RootNode) as JsonObject ?? throw new FormatException("expected a YAML mapping");
    }

    static JsonNode? ToJson(YamlNode node) => node switch
    {
        YamlMappingNode m => new JsonObject(m.Children.Select(kv =>
            KeyValuePair.Create(((YamlScalarNode)kv.Key).Value ?? "", ToJson(kv.Value)))),
        YamlSequenceNode s => new JsonArray(s.Children.Select(ToJson).ToArray()),
        YamlScalarNode sc => Scalar(sc),
        _ => null,
    };

    static JsonNode? Scalar(YamlScalarNode s)
    {
        var v = s.Value ?? "";
        if (s.Style is ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted or ScalarStyle.Literal or ScalarStyle.Folded)
            return JsonValue.Create(v);
        if (v is "" or "~" or "null" or "Null" or "NULL") return null;
        if (v is "true" or "True" or "TRUE") return JsonValue.Create(true);
        if (v is "false" or "False" or "FALSE") return JsonValue.Create(false);
        if (long.TryParse(v, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l)) return JsonNode.Parse(l.ToString(CultureInfo.InvariantCulture));
        if (double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && v.Any(char.IsDigit)) return JsonNode.Parse(d.ToString("R", CultureInfo.InvariantCulture));
        return JsonValue.Create(v);
    }
}
