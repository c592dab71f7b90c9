using System.Text.Json;
using System.Text.Json.Nodes;

namespace Actors.Emulator.Storage;

/// <summary>
/// Reads JSON as kube-apiserver's decoder does when a key repeats: the last value wins and the
/// repeated field is reported (by path, e.g. <c>spec.config.num.partitions</c>) so the request can be
/// warned about or refused. <see cref="JsonNode.Parse(string, JsonNodeOptions?, JsonDocumentOptions)"/>
/// instead builds an object that throws on first access.
/// </summary>
internal static class JsonText
{
    /// <summary>Parses <paramref name="text"/>; each repeated key's path is added to <paramref name="duplicates"/> when given.</summary>
    public static JsonNode? Parse(string text, List<string>? duplicates = null)
    {
        using var document = JsonDocument.Parse(text);
        return Convert(document.RootElement, "", duplicates);
    }

    static JsonNode? Convert(JsonElement element, string path, List<string>? duplicates)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                var o = new JsonObject();
                foreach (var property in element.EnumerateObject())
                {
                    var childPath = path.Length == 0 ? property.Name : $"{path}.{property.Name}";
                    if (o.ContainsKey(property.Name)) duplicates?.Add(childPath);
                    o[property.Name] = Convert(property.Value, childPath, duplicates);
                }
                return o;
            case JsonValueKind.Array:
                var a = new JsonArray();
                var i = 0;
                foreach (var item in element.EnumerateArray()) a.Add(Convert(item, $"{path}[{i++}]", duplicates));
                return a;
            case JsonValueKind.Null:
                return null;
            default:
                return JsonValue.Create(element.Clone());
        }
    }
}
