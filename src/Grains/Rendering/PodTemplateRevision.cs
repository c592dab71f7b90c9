using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Actors.Grains.Rendering;

/// <summary>
/// The revision of a node's pod: a short hash of a canonical text of its <see cref="NodeTemplate"/>.
/// Maps and tolerations are written sorted, so the order a user wrote them in never restarts
/// anything; the server properties are hashed as a set for the same reason.
/// </summary>
public static class PodTemplateRevision
{
    /// <summary>Bump when the rendering itself changes in a way every pod must pick up.</summary>
    /// <remarks>2: each pod mounts its own ConfigMap instead of the cluster's shared one.</remarks>
    public const int RenderingVersion = 2;

    public const int Length = 10;

    public static string Of(NodeTemplate template) => Hash(CanonicalText(template));

    public static string CanonicalText(NodeTemplate template)
    {
        var text = new StringBuilder();
        Line(text, "rendering", RenderingVersion.ToString(CultureInfo.InvariantCulture));
        Line(text, "node", template.Identity.ToString());
        Line(text, "image", template.Image);
        Line(text, "clusterId", template.ClusterId);
        Map(text, "property", template.Properties);
        Map(text, "requests", template.Requests);
        Map(text, "limits", template.Limits);
        Map(text, "nodeSelector", template.NodeSelector);
        foreach (var toleration in template.Tolerations
                     .Select(t => $"{t.Key}|{t.Operator ?? "Equal"}|{t.Value}|{t.Effect}|{t.TolerationSeconds}")
                     .Order(StringComparer.Ordinal))
            Line(text, "toleration", toleration);
        Line(text, "rack", template.RackTopologyKey ?? "");
        Line(text, "restartAt", template.RestartAt ?? "");
        return text.ToString();
    }

    private static void Map(StringBuilder text, string name, IEnumerable<KeyValuePair<string, string>> map)
    {
        foreach (var (key, value) in map.OrderBy(p => p.Key, StringComparer.Ordinal))
            Line(text, $"{name}.{key}", value);
    }

    // Length-prefixed, so no choice of keys and values can make two templates read the same.
    private static void Line(StringBuilder text, string key, string value) =>
        text.Append(key.Length).Append(':').Append(key).Append('=').Append(value.Length).Append(':').Append(value).Append('\n');

    private static string Hash(string text) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..Length];
}
