using System.Globalization;
using System.Text.Json.Nodes;

namespace Actors.Emulator.Storage;

/// <summary>
/// kube-apiserver keeps built-in objects' <c>metav1.Time</c> fields to whole seconds (RFC 3339
/// without a fraction), whatever a client sent; only <c>metav1.MicroTime</c> fields (a Lease's
/// acquire/renew times, an Event's eventTime) keep microseconds. Clients that write fractions
/// (the official .NET client does) must read back what a real server would store.
/// Custom resources are stored as sent: their times are plain strings to the server.
/// </summary>
public static class TimePrecision
{
    // The metav1.Time fields of the built-in kinds this emulator serves.
    static readonly HashSet<string> SecondsFields = new(StringComparer.Ordinal)
    {
        "creationTimestamp", "deletionTimestamp", "time", "startTime", "lastTransitionTime", "lastProbeTime",
        "lastHeartbeatTime", "startedAt", "finishedAt", "firstTimestamp", "lastTimestamp", "lastUpdateTime",
        "completionTime", "lastScheduleTime", "lastSuccessfulTime",
    };

    // Free-form maps whose values are the user's, never times to the server.
    static readonly HashSet<string> UserMaps = new(StringComparer.Ordinal) { "labels", "annotations", "data", "binaryData", "stringData", "disruptedPods" };

    public static void Truncate(ResourceType type, JsonObject obj)
    {
        if (type.IsCustom) return;
        Walk(obj);
    }

    static void Walk(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var (key, value) in o.ToList())
                {
                    if (UserMaps.Contains(key)) continue;
                    if (SecondsFields.Contains(key) && value is JsonValue v && v.TryGetValue<string>(out var text) && WholeSeconds(text) is { } whole)
                        o[key] = whole;
                    else
                        Walk(value);
                }
                break;
            case JsonArray a:
                foreach (var item in a) Walk(item);
                break;
        }
    }

    /// <summary>The same instant without its fraction, or null when the text has none (or is no time).</summary>
    static string? WholeSeconds(string text)
    {
        if (!text.Contains('.')) return null;
        if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time)) return null;
        var utc = time.ToUniversalTime();
        return new DateTimeOffset(utc.Ticks - utc.Ticks % TimeSpan.TicksPerSecond, TimeSpan.Zero).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
    }
}
