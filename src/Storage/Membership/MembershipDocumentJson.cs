using System.Text.Json;
using System.Text.Json.Serialization;

namespace Actors.Storage.Membership;

/// <summary>
/// The document's text in the ConfigMap's <see cref="Key"/>: indented JSON with camelCase names and
/// statuses by name, so <c>kubectl get cm -o yaml</c> shows a table an engineer can read during an
/// incident, and a field added in a later build is ignored by this one. Orleans' binary codecs
/// are for messages between live silos, not for a record other builds and people read.
/// </summary>
public static class MembershipDocumentJson
{
    public const string Key = "membership.json";

    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static string Write(MembershipDocument document) => JsonSerializer.Serialize(document, Options);

    /// <summary>The document, or why the text is not one this build can use (null when it is).</summary>
    public static (MembershipDocument? Document, string? Problem) Read(string text)
    {
        MembershipDocument? document;
        try
        {
            document = JsonSerializer.Deserialize<MembershipDocument>(text, Options);
        }
        catch (JsonException e)
        {
            return (null, $"its '{Key}' is not valid JSON ({e.Message})");
        }
        if (document is null) return (null, $"its '{Key}' is null");
        if (document.Format != MembershipDocument.CurrentFormat)
            return (null, $"its '{Key}' has format {document.Format}; this build reads format {MembershipDocument.CurrentFormat}");
        if (document.VersionEtag is null || document.Silos is null)
            return (null, $"its '{Key}' lacks versionEtag or silos");
        foreach (var row in document.Silos)
            if (SiloRows.ProblemOf(row) is { } problem) return (null, $"in its '{Key}', {problem}");
        return (document, null);
    }

    /// <summary>
    /// Whether the text is a table of a later format than this build's: a newer build's table, not
    /// nonsense, so this build must neither misread nor overwrite it.
    /// </summary>
    public static bool IsLaterFormat(string text)
    {
        try
        {
            using var json = JsonDocument.Parse(text);
            return json.RootElement.ValueKind == JsonValueKind.Object
                && json.RootElement.TryGetProperty("format", out var format)
                && format.TryGetInt32(out var number) && number > MembershipDocument.CurrentFormat;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
