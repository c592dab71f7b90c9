using System.Globalization;
using System.Text.Json.Nodes;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Actors.Silo.Hosting;

/// <summary>
/// Kubernetes manifests as JSON objects: multi-document YAML (the format of deploy/) read the
/// way the API server reads it, and the manifests the silo carries inside its assembly.
/// </summary>
public static class Manifests
{
    /// <summary>deploy/samples/kafkacluster-demo.yaml</summary>
    public const string DemoCluster = "Actors.Silo.kafkacluster-demo.yaml";

    public static string ReadEmbedded(string name)
    {
        using var stream = typeof(Manifests).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"The silo was built without its manifest '{name}'.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>Every non-empty document of <paramref name="yaml"/>, in order.</summary>
    public static IReadOnlyList<JsonObject> Parse(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        return stream.Documents
            .Select(d => ToJson(d.RootNode))
            .OfType<JsonObject>()
            .ToList();
    }

    private static JsonNode? ToJson(YamlNode node) => node switch
    {
        YamlMappingNode map => new JsonObject(map.Children.Select(kv =>
            KeyValuePair.Create(((YamlScalarNode)kv.Key).Value ?? "", ToJson(kv.Value)))),
        YamlSequenceNode list => new JsonArray(list.Children.Select(ToJson).ToArray()),
        YamlScalarNode scalar => Scalar(scalar),
        _ => null,
    };

    // YAML 1.2 core schema for plain scalars; quoted scalars are always strings.
    private static JsonNode? Scalar(YamlScalarNode scalar)
    {
        var text = scalar.Value ?? "";
        if (scalar.Style is not ScalarStyle.Plain) return JsonValue.Create(text);
        if (text is "" or "~" or "null" or "Null" or "NULL") return null;
        if (text is "true" or "True" or "TRUE") return JsonValue.Create(true);
        if (text is "false" or "False" or "FALSE") return JsonValue.Create(false);
        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer)) return JsonValue.Create(integer);
        if (text.Any(char.IsDigit) && !text.Contains(':')
            && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number)) return JsonValue.Create(number);
        return JsonValue.Create(text);
    }
}
