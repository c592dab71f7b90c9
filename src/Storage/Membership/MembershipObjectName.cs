namespace Actors.Storage.Membership;

/// <summary>
/// The name of the ConfigMap that holds one Orleans cluster's membership: the prefix and the
/// ClusterId, unchanged, so <c>kubectl get cm</c> shows which cluster it is. A cluster id that
/// cannot be part of an object name is refused at start-up rather than mangled into a name two
/// cluster ids could share.
/// </summary>
public static class MembershipObjectName
{
    /// <summary>Longest ConfigMap name (a DNS-1123 subdomain).</summary>
    public const int MaxLength = 253;

    public static string For(string prefix, string clusterId)
    {
        var name = prefix + clusterId;
        if (!IsValid(name))
            throw new ArgumentException(
                $"The Orleans ClusterId '{clusterId}' with prefix '{prefix}' gives '{name}', which is not a valid ConfigMap name "
                + $"(lower-case letters, digits, '-' and '.', starting and ending with a letter or digit, at most {MaxLength} characters). "
                + "Choose a ClusterId (or KubernetesClusteringOptions.ObjectNamePrefix) of that form.", nameof(clusterId));
        return name;
    }

    /// <summary>Whether <paramref name="name"/> can name the ConfigMap.</summary>
    public static bool IsValid(string name) =>
        name.Length is > 0 and <= MaxLength
        && LowerOrDigit(name[0]) && LowerOrDigit(name[^1])
        && name.All(c => LowerOrDigit(c) || c is '-' or '.');

    private static bool LowerOrDigit(char c) => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c);
}
