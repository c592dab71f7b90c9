using System.Text.Json;
using System.Text.Json.Nodes;

namespace Actors.Grains.Unreadable;

/// <summary>
/// A KafkaCluster the operator cannot decode, as far as it can still be read as plain JSON: who it
/// is, which version, why it does not decode, and its status conditions as they stand (so a report
/// can change the Ready condition and leave every other one as it is).
/// </summary>
/// <param name="Conditions">status.conditions as stored; null when there are none.</param>
/// <param name="CanCarryCondition">
/// False when status or status.conditions exist but are not an object and an array: a condition
/// written there would overwrite something that is not ours to change.
/// </param>
public sealed record UnreadableCluster(
    string Namespace,
    string Name,
    string? Uid,
    string? ResourceVersion,
    long? Generation,
    bool Deleting,
    string Reason,
    JsonArray? Conditions,
    bool CanCarryCondition)
{
    public string Key => $"{Namespace}/{Name}";

    public static UnreadableCluster From(JsonElement element, string reason)
    {
        var root = element.ValueKind == JsonValueKind.Object ? JsonObject.Create(element) : null;
        var metadata = root?["metadata"] as JsonObject;
        var status = root?["status"];
        var conditions = (status as JsonObject)?["conditions"];
        var canCarry = status is null or JsonObject && conditions is null or JsonArray;
        return new UnreadableCluster(
            Text(metadata, "namespace") ?? "",
            Text(metadata, "name") ?? "",
            Text(metadata, "uid"),
            Text(metadata, "resourceVersion"),
            metadata?["generation"] is JsonValue g && g.TryGetValue<long>(out var generation) ? generation : null,
            metadata?["deletionTimestamp"] is not null,
            reason,
            conditions is JsonArray array ? (JsonArray)array.DeepClone() : null,
            canCarry);
    }

    private static string? Text(JsonObject? o, string field) =>
        o?[field] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
}
