using System.Text.RegularExpressions;

namespace Actors.Grains.Cluster;

/// <summary>
/// The name grammars kube-apiserver enforces on what the operator renders from the spec: label
/// keys and the keys of taints, topologies and resources are qualified names (an optional DNS
/// subdomain prefix and '/', then a name of at most 63 characters), label values at most 63
/// characters, StorageClass names DNS subdomains. Each check returns why a value is refused, or
/// null when it is valid. Patterns are anchored with \A and \z: .NET's $ also matches before a
/// final newline, which would let "zone\n" through.
/// </summary>
public static partial class LabelSyntax
{
    public const int MaxNameLength = 63;
    public const int MaxSubdomainLength = 253;

    /// <summary>A label key, taint key, topology key or resource name: <c>[prefix/]name</c>.</summary>
    public static string? QualifiedNameProblem(string key)
    {
        var slash = key.IndexOf('/');
        var name = slash < 0 ? key : key[(slash + 1)..];
        if (slash >= 0)
        {
            var prefix = key[..slash];
            if (prefix.Length == 0)
                return "has an empty prefix before '/'";
            if (DnsSubdomainProblem(prefix) is { } problem)
                return $"has a prefix that {problem}";
        }

        if (name.Length == 0)
            return "has an empty name; it must be a name, optionally prefixed by a DNS subdomain and '/' (e.g. example.com/my-name)";
        if (name.Length > MaxNameLength)
            return $"has a name part of {name.Length} characters; at most {MaxNameLength} are allowed";
        if (!Name().IsMatch(name))
            return "must consist of alphanumeric characters, '-', '_' or '.', start and end with an alphanumeric character, "
                + "and may have one DNS subdomain prefix and '/' (e.g. MyName, my.name, example.com/my-name)";
        return null;
    }

    /// <summary>A label value: empty, or at most 63 characters of the name grammar.</summary>
    public static string? LabelValueProblem(string value)
    {
        if (value.Length > MaxNameLength)
            return $"is {value.Length} characters long; a label value has at most {MaxNameLength}";
        if (value.Length > 0 && !Name().IsMatch(value))
            return "must be empty or consist of alphanumeric characters, '-', '_' or '.', and start and end with an alphanumeric character";
        return null;
    }

    /// <summary>A DNS subdomain (RFC 1123): lower case labels joined by dots, at most 253 characters.</summary>
    public static string? DnsSubdomainProblem(string value)
    {
        if (value.Length > MaxSubdomainLength)
            return $"is {value.Length} characters long; a DNS subdomain has at most {MaxSubdomainLength}";
        if (!DnsSubdomain().IsMatch(value))
            return "must be a DNS subdomain: lower case alphanumeric characters, '-' or '.', starting and ending with an alphanumeric character";
        return null;
    }

    [GeneratedRegex(@"\A[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?\z")]
    private static partial Regex Name();

    [GeneratedRegex(@"\A[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\z")]
    private static partial Regex DnsSubdomain();
}
