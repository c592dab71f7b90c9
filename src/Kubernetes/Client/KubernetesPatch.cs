using System.Text.Json;
using System.Text.Json.Nodes;

namespace Actors.Kubernetes;

/// <summary>
/// A patch body and its content type. Merge patch (RFC 7386) works on every kind; strategic
/// merge patch only on built-ins (the API server rejects it for custom resources); JSON patch
/// (RFC 6902) for precise operations such as a test-then-replace; apply for server-side apply.
/// </summary>
public sealed class KubernetesPatch
{
    public const string MergeContentType = "application/merge-patch+json";
    public const string JsonContentType = "application/json-patch+json";
    public const string StrategicMergeContentType = "application/strategic-merge-patch+json";
    public const string ApplyContentType = "application/apply-patch+yaml";

    private KubernetesPatch(string contentType, byte[] body)
    {
        ContentType = contentType;
        Body = body;
    }

    public string ContentType { get; }
    public byte[] Body { get; }

    /// <summary>A merge patch from a JSON tree (a JSON null deletes a field).</summary>
    public static KubernetesPatch Merge(JsonNode patch) => new(MergeContentType, Utf8(patch));

    /// <summary>A merge patch from a model (its null members are left out, so they change nothing).</summary>
    public static KubernetesPatch Merge<T>(T patch) => new(MergeContentType, KubernetesJson.SerializeToUtf8(patch));

    public static KubernetesPatch StrategicMerge(JsonNode patch) => new(StrategicMergeContentType, Utf8(patch));

    public static KubernetesPatch StrategicMerge<T>(T patch) => new(StrategicMergeContentType, KubernetesJson.SerializeToUtf8(patch));

    /// <summary>A JSON patch: a list of operations ({"op":"replace","path":"/spec/x","value":1}).</summary>
    public static KubernetesPatch Json(IEnumerable<JsonPatchOperation> operations) =>
        new(JsonContentType, KubernetesJson.SerializeToUtf8(operations.ToList()));

    public static KubernetesPatch Json(JsonArray operations) => new(JsonContentType, Utf8(operations));

    /// <summary>A server-side apply body: the fields this manager owns, as JSON (valid YAML).</summary>
    public static KubernetesPatch Apply<T>(T intent) => new(ApplyContentType, KubernetesJson.SerializeToUtf8(intent));

    private static byte[] Utf8(JsonNode node) => JsonSerializer.SerializeToUtf8Bytes(node, KubernetesJson.Options);
}

/// <summary>One RFC 6902 operation.</summary>
public sealed record JsonPatchOperation(string Op, string Path, JsonNode? Value = null, string? From = null)
{
    public static JsonPatchOperation Add(string path, JsonNode? value) => new("add", path, value);
    public static JsonPatchOperation Replace(string path, JsonNode? value) => new("replace", path, value);
    public static JsonPatchOperation Remove(string path) => new("remove", path);
    public static JsonPatchOperation Test(string path, JsonNode? value) => new("test", path, value);
}
