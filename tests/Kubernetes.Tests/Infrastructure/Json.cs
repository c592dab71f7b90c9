using System.Text.Json.Nodes;

namespace Actors.Kubernetes.Tests;

public static class Json
{
    public static string Pod(string name, string rv, string ns = "kafka", string? labelsJson = null, string uid = "")
    {
        var labels = labelsJson is null ? "" : ",\"labels\":" + labelsJson;
        var id = uid.Length > 0 ? uid : "uid-" + name;
        return $$$"""{"apiVersion":"v1","kind":"Pod","metadata":{"name":"{{{name}}}","namespace":"{{{ns}}}","resourceVersion":"{{{rv}}}","uid":"{{{id}}}"{{{labels}}}}}""";
    }

    /// <summary>A pod the model cannot read: containers must be a list.</summary>
    public static string UnreadablePod(string name, string rv, string ns = "kafka") =>
        $$$"""{"apiVersion":"v1","kind":"Pod","metadata":{"name":"{{{name}}}","namespace":"{{{ns}}}","resourceVersion":"{{{rv}}}","uid":"uid-{{{name}}}"},"spec":{"containers":"not-a-list"}}""";

    public static string PodList(string rv, string? @continue = null, params string[] pods)
    {
        var next = @continue is null ? "" : ",\"continue\":\"" + @continue + "\"";
        return $$$"""{"apiVersion":"v1","kind":"PodList","metadata":{"resourceVersion":"{{{rv}}}"{{{next}}}},"items":[{{{string.Join(",", pods)}}}]}""";
    }

    public static string Bookmark(string rv) => $$$"""{"apiVersion":"v1","kind":"Pod","metadata":{"resourceVersion":"{{{rv}}}"}}""";

    public static string Status(int code, string reason, string message) =>
        $$"""{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"{{message}}","reason":"{{reason}}","code":{{code}}}""";

    public static bool SameJson(string a, string b) => JsonNode.DeepEquals(JsonNode.Parse(a), JsonNode.Parse(b));
}
