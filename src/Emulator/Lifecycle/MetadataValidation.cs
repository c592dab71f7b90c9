using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Actors.Emulator.Handlers;
using Actors.Emulator.Storage;

namespace Actors.Emulator.Lifecycle;

/// <summary>
/// kube-apiserver's checks of labels and annotations on every write, with its messages: label keys and
/// annotation keys are qualified names (an optional DNS-subdomain prefix of at most 253 characters, a
/// name of at most 63), label values at most 63 characters of the label-value grammar, and all
/// annotations together at most 256 KiB.
/// </summary>
internal static partial class MetadataValidation
{
    const int NameMaxLength = 63;
    const int PrefixMaxLength = 253;
    const int LabelValueMaxLength = 63;
    public const int AnnotationsMaxBytes = 256 * 1024;

    const string QualifiedNameFormat = "([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]";
    const string SubdomainFormat = "[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*";

    [GeneratedRegex("^" + QualifiedNameFormat + "\\z")]
    private static partial Regex QualifiedName();

    [GeneratedRegex("^" + SubdomainFormat + "\\z")]
    private static partial Regex Subdomain();

    [GeneratedRegex("^(" + QualifiedNameFormat + ")?\\z")]
    private static partial Regex LabelValue();

    public static List<StatusCause> Check(JsonObject obj)
    {
        var causes = new List<StatusCause>();
        if (obj.At("metadata", "labels") is JsonObject labels)
            foreach (var (key, value) in labels)
            {
                foreach (var message in QualifiedNameErrors(key))
                    causes.Add(Invalid(key, message, "metadata.labels"));
                var text = Text(value);
                foreach (var message in LabelValueErrors(text))
                    causes.Add(Invalid(text, message, "metadata.labels"));
            }
        if (obj.At("metadata", "annotations") is JsonObject annotations)
        {
            long size = 0;
            foreach (var (key, value) in annotations)
            {
                // kube-apiserver: a qualified name except that case does not matter.
                foreach (var message in QualifiedNameErrors(key.ToLowerInvariant()))
                    causes.Add(Invalid(key, message, "metadata.annotations"));
                size += Encoding.UTF8.GetByteCount(key) + Encoding.UTF8.GetByteCount(Text(value));
            }
            if (size > AnnotationsMaxBytes)
                causes.Add(new("FieldValueTooLong", $"Too long: may not be more than {AnnotationsMaxBytes} bytes", "metadata.annotations"));
        }
        return causes;
    }

    static string Text(JsonNode? value) => value is JsonValue v && v.TryGetValue<string>(out var s) ? s : value?.ToJsonString() ?? "";

    static StatusCause Invalid(string value, string message, string field) =>
        new("FieldValueInvalid", $"Invalid value: {JsonValue.Create(value).ToJsonString(Json.Compact)}: {message}", field);

    static IEnumerable<string> QualifiedNameErrors(string value)
    {
        var parts = value.Split('/');
        string name;
        switch (parts.Length)
        {
            case 1:
                name = parts[0];
                break;
            case 2:
                name = parts[1];
                var prefix = parts[0];
                if (prefix.Length == 0) yield return "prefix part must be non-empty";
                else
                {
                    if (prefix.Length > PrefixMaxLength) yield return $"prefix part must be no more than {PrefixMaxLength} characters";
                    if (!Subdomain().IsMatch(prefix))
                        yield return "prefix part " + RegexError(
                            "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character",
                            SubdomainFormat, "example.com");
                }
                break;
            default:
                yield return "a qualified name " + RegexError(QualifiedNameMessage, QualifiedNameFormat, "MyName", "my.name", "123-abc") +
                    " with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')";
                yield break;
        }
        if (name.Length == 0) yield return "name part must be non-empty";
        else if (name.Length > NameMaxLength) yield return $"name part must be no more than {NameMaxLength} characters";
        if (!QualifiedName().IsMatch(name))
            yield return "name part " + RegexError(QualifiedNameMessage, QualifiedNameFormat, "MyName", "my.name", "123-abc");
    }

    const string QualifiedNameMessage =
        "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";

    static IEnumerable<string> LabelValueErrors(string value)
    {
        if (value.Length > LabelValueMaxLength) yield return $"must be no more than {LabelValueMaxLength} characters";
        if (!LabelValue().IsMatch(value))
            yield return RegexError(
                "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character",
                "(" + QualifiedNameFormat + ")?", "MyValue", "my_value", "12345");
    }

    /// <summary>Go's validation.RegexError, double spaces included, so messages read exactly as the server's.</summary>
    static string RegexError(string message, string format, params string[] examples)
    {
        var text = new StringBuilder(message).Append(" (e.g. ");
        for (var i = 0; i < examples.Length; i++)
        {
            if (i > 0) text.Append(" or ");
            text.Append('\'').Append(examples[i]).Append("', ");
        }
        return text.Append("regex used for validation is '").Append(format).Append("')").ToString();
    }
}
