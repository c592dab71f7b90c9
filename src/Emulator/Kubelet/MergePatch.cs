using System.Text.Json.Nodes;
using k8s.Models;

namespace Actors.Emulator.Kubelet;

/// <summary>
/// JSON merge patches (RFC 7386) the kubelet sends, from JSON or from a partly filled model (the
/// library leaves null properties out). A null annotation value removes the key, as kubectl annotate KEY- does.
/// </summary>
internal static class MergePatch
{
    public static V1Patch FromJson(JsonNode patch) => new(patch.ToJsonString(), V1Patch.PatchType.MergePatch);

    public static V1Patch FromModel<T>(T patch) => new(k8s.KubernetesJson.Serialize(patch), V1Patch.PatchType.MergePatch);

    /// <summary>Sets (or, for null values, removes) these annotations and nothing else.</summary>
    public static V1Patch Annotations(IEnumerable<KeyValuePair<string, string?>> annotations, string? resourceVersion = null)
    {
        var metadata = new JsonObject
        {
            ["annotations"] = new JsonObject(annotations.Select(a => KeyValuePair.Create(a.Key, (JsonNode?)(a.Value is null ? null : JsonValue.Create(a.Value))))),
        };
        // With a resourceVersion the write only lands on the version the kubelet read: a stale marker is a conflict, not an overwrite.
        if (resourceVersion is not null) metadata["resourceVersion"] = resourceVersion;
        return FromJson(new JsonObject { ["metadata"] = metadata });
    }
}
