using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.Unicode;
using Actors.Contracts.Api;

namespace Actors.Silo.Api;

/// <summary>
/// Reads {"brokers": n} strictly: one integer field, no unknown or repeated fields, within
/// <see cref="ClusterRequestRules"/>' bounds. Hand-written rather than model-bound so every
/// rejection names the field and says what to send instead. Pure.
/// </summary>
public static class ScaleRequestParser
{
    private const string Example = "send {\"brokers\": <number of brokers>}";

    public static (ScaleRequest? Request, RequestProblem? Problem) Parse(ReadOnlySpan<byte> body)
    {
        if (body.IsEmpty)
        {
            return Fail("body", $"The request body is empty; {Example}.");
        }

        // The JSON reader checks the structure but not every string's bytes; reading a name that is
        // not UTF-8 throws later (a 500), so the whole body is checked first.
        if (InvalidUtf8At(body) is { } offset)
        {
            return Fail("body", $"The request body is not valid UTF-8 (byte {offset + 1}); send JSON encoded as UTF-8, {Example}.");
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body.ToArray(), new JsonDocumentOptions { MaxDepth = 16 });
        }
        catch (JsonException error)
        {
            return Fail("body", $"The request body is not valid JSON ({Position(error)}); {Example}.");
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return Fail("body", $"The request body must be a JSON object, not {Describe(root.ValueKind)}; {Example}.");
            }

            JsonElement? brokers = null;
            foreach (var property in root.EnumerateObject())
            {
                if (property.Name != "brokers")
                {
                    return Fail(property.Name, $"Unknown field '{property.Name}'; the only field is 'brokers'.");
                }

                if (brokers is not null)
                {
                    return Fail("brokers", "Field 'brokers' appears more than once.");
                }

                brokers = property.Value;
            }

            if (brokers is not { } value)
            {
                return Fail("brokers", $"Field 'brokers' is required; {Example}.");
            }

            if (value.ValueKind != JsonValueKind.Number)
            {
                return Fail("brokers", $"Field 'brokers' must be an integer, not {Describe(value.ValueKind)}.");
            }

            var raw = value.GetRawText();
            if (raw.AsSpan().IndexOfAny(".eE") >= 0)
            {
                return Fail("brokers", $"Field 'brokers' must be a whole number, got {raw}.");
            }

            if (!value.TryGetInt64(out var count))
            {
                return Fail("brokers", $"brokers must be between {ClusterRequestRules.MinBrokers} and {ClusterRequestRules.MaxBrokers}, got {Shorten(raw)}.");
            }

            return ClusterRequestRules.CheckBrokers(count) is { } problem
                ? (null, problem)
                : (new ScaleRequest((int)count), null);
        }
    }

    /// <summary>The offset of the first byte that does not start a valid UTF-8 sequence, if any.</summary>
    private static int? InvalidUtf8At(ReadOnlySpan<byte> body)
    {
        if (Utf8.IsValid(body))
        {
            return null;
        }

        var offset = 0;
        while (Rune.DecodeFromUtf8(body[offset..], out _, out var consumed) == OperationStatus.Done)
        {
            offset += consumed;
        }

        return offset;
    }

    private static (ScaleRequest?, RequestProblem?) Fail(string field, string message) => (null, new(field, message));

    private static string Position(JsonException error) =>
        error.LineNumber is { } line && error.BytePositionInLine is { } column
            ? $"line {line + 1}, byte {column + 1}"
            : "unreadable";

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        _ => "an object",
    };

    private static string Shorten(string value) => value.Length <= 40 ? value : value[..37] + "...";
}
