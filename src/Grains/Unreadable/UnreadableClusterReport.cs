using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Actors.Contracts.Kafka;
using Actors.Grains.Status;

namespace Actors.Grains.Unreadable;

/// <summary>
/// What to say on a KafkaCluster the operator cannot read. <paramref name="StatusPatch"/> is a JSON
/// merge patch for its status subresource (null: write nothing); <paramref name="Event"/> says
/// whether a Warning Event is due; <paramref name="Message"/> is the words of both.
/// </summary>
public sealed record UnreadableReport(string Message, string? StatusPatch, bool Event);

/// <summary>
/// The decision for an unreadable KafkaCluster (pure: the object as plain JSON and the time come in).
/// Invariants: the Ready condition becomes False with reason <see cref="Reason"/> and a message that
/// names the object and the decoder's reason; every other condition, and every other status field,
/// stays exactly as stored; the patch carries the object's resourceVersion, so it lands only on the
/// version that was judged; nothing is written or announced twice for the same problem on the same
/// generation — a report changes the object, its watch event comes back, and must end there.
/// </summary>
public static partial class UnreadableClusterReport
{
    public const string Reason = "Unreadable";

    public static UnreadableReport Decide(UnreadableCluster cluster, DateTimeOffset now)
    {
        var message = Message(cluster);
        var ready = cluster.Conditions?.OfType<JsonObject>().FirstOrDefault(c => Text(c, "type") == KafkaConditionTypes.Ready);
        if (ready is not null && Text(ready, "status") == ConditionStatus.False && Text(ready, "reason") == Reason
            && Text(ready, "message") == message && Generation(ready) == cluster.Generation)
            return new UnreadableReport(message, null, Event: false);
        if (!cluster.CanCarryCondition) return new UnreadableReport(message, null, Event: true);

        var condition = new JsonObject
        {
            ["type"] = KafkaConditionTypes.Ready,
            ["status"] = ConditionStatus.False,
        };
        if (cluster.Generation is { } generation) condition["observedGeneration"] = generation;
        // The Kubernetes convention: the time says when Ready became False, not when it was last written.
        condition["lastTransitionTime"] = ready is not null && Text(ready, "status") == ConditionStatus.False && Text(ready, "lastTransitionTime") is { } since
            ? since
            : ConditionSet.Timestamp(now);
        condition["reason"] = Reason;
        condition["message"] = message;

        // A merge patch replaces a list whole: the list is written back as stored, Ready replaced.
        var conditions = new JsonArray();
        var replaced = false;
        foreach (var existing in cluster.Conditions ?? [])
        {
            if (!replaced && existing is JsonObject o && Text(o, "type") == KafkaConditionTypes.Ready)
            {
                conditions.Add(condition);
                replaced = true;
            }
            else conditions.Add(existing?.DeepClone());
        }
        if (!replaced) conditions.Add(condition);

        var patch = new JsonObject();
        if (cluster.ResourceVersion is { } version) patch["metadata"] = new JsonObject { ["resourceVersion"] = version };
        patch["status"] = new JsonObject { ["conditions"] = conditions };
        return new UnreadableReport(message, patch.ToJsonString(), Event: true);
    }

    /// <summary>What is wrong, where, and what to do next; stable for the same problem, so it can be compared.</summary>
    public static string Message(UnreadableCluster cluster) =>
        $"KafkaCluster {cluster.Key} cannot be read by the operator: {Explain(cluster.Reason)}. " +
        "Nothing is created, changed or deleted for it until it can be read: correct that field " +
        $"(kubectl edit kafkacluster {cluster.Name} -n {cluster.Namespace}).";

    /// <summary>
    /// The decoder's reason in the user's terms — "spec.brokers.replicas is not a 32-bit integer" —
    /// and never with its byte position, which moves whenever metadata changes length (a new
    /// resourceVersion): a message that changed with every write would be written forever.
    /// </summary>
    public static string Explain(string reason)
    {
        var text = Position().Replace(reason, "").Trim().TrimEnd('.');
        if (Conversion().Match(text) is not { Success: true } match) return text;
        var type = match.Groups["type"].Value;
        if (Nullable().Match(type) is { Success: true } inner) type = inner.Groups["type"].Value;
        var path = match.Groups["path"].Value.TrimStart('$').TrimStart('.');
        return $"{(path.Length == 0 ? "the object" : path)} is not {Expected(type)}";
    }

    private static string Expected(string type) => type switch
    {
        "System.Int32" => $"a 32-bit integer ({int.MinValue} to {int.MaxValue})",
        "System.Int64" => "a 64-bit integer",
        "System.Double" => "a number",
        "System.Boolean" => "true or false",
        "System.String" => "a string",
        _ when type.StartsWith("System.Collections.Generic.List", StringComparison.Ordinal) => "a list",
        _ when type.StartsWith("System.Collections.Generic.Dictionary", StringComparison.Ordinal) => "a map of strings",
        _ => $"what the operator reads there ({type.Split('.')[^1]})",
    };

    private static string? Text(JsonObject o, string field) => o[field] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    private static long? Generation(JsonObject o) => o["observedGeneration"] is JsonValue v && v.TryGetValue<long>(out var g) ? g : null;

    [GeneratedRegex(@"\s*\|\s*LineNumber:\s*\d+\s*\|\s*BytePositionInLine:\s*\d+\.?")]
    private static partial Regex Position();

    [GeneratedRegex(@"^The JSON value could not be converted to (?<type>\S+)\. Path: (?<path>\S+)$")]
    private static partial Regex Conversion();

    [GeneratedRegex(@"^System\.Nullable`1\[(?<type>[^\]]+)\]$")]
    private static partial Regex Nullable();
}
