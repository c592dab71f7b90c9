using System.Text.RegularExpressions;

namespace Actors.Grains.Cluster;

/// <summary>
/// The container image reference grammar the kubelet's runtime pulls by:
/// <c>[registry[:port]/]path[:tag][@algorithm:digest]</c>, path components in lower case.
/// The API server accepts any string there; a pod with a malformed one only fails later with
/// InvalidImageName, so the operator refuses it before anything is created.
/// </summary>
public static partial class ImageReference
{
    /// <summary>Bounds what is read at all; the grammar's own limits are far below it.</summary>
    public const int MaxLength = 4096;

    /// <summary>Registry and path together, as the distribution specification bounds them.</summary>
    public const int MaxNameLength = 255;

    public static string? Problem(string image)
    {
        if (image.Length > MaxLength)
            return $"is {image.Length} characters long; an image reference has at most {MaxLength}";
        var match = Reference().Match(image);
        if (!match.Success)
            return "must be an image reference like apache/kafka:3.9.0 or registry.example.com:5000/team/kafka@sha256:<digest> "
                + "(lower case path, without spaces), or left out to use apache/kafka:<version>";
        if (match.Groups["name"].Length > MaxNameLength)
            return $"has a repository name of {match.Groups["name"].Length} characters; at most {MaxNameLength} are allowed";
        return null;
    }

    // name   = [domain '/'] component ('/' component)*; the first part is a domain only when it has a
    //          '.' or a port or is "localhost" (otherwise "Apache/kafka" would pass as a registry).
    // tag    = [\w][\w.-]{0,127}
    // digest = algorithm ':' at least 32 hex digits.
    private const string Host = @"[A-Za-z0-9]([-A-Za-z0-9]*[A-Za-z0-9])?";
    private const string Domain = @"(localhost(:[0-9]+)?|" + Host + @"(\." + Host + @")+(:[0-9]+)?|" + Host + @":[0-9]+)";
    private const string Component = @"[a-z0-9]+((\.|_|__|-+)[a-z0-9]+)*";

    [GeneratedRegex(
        @"\A(?<name>(" + Domain + @"/)?" + Component + @"(/" + Component + @")*)"
        + @"(:(?<tag>[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}))?"
        + @"(@(?<digest>[A-Za-z][A-Za-z0-9]*([-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}))?\z")]
    private static partial Regex Reference();
}
