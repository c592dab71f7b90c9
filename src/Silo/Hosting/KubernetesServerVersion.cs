using System.Text.Json.Nodes;

namespace Actors.Silo.Hosting;

/// <summary>
/// The API server's version as <c>/version</c> reports it, and whether the operator can run on it.
/// The oldest supported is 1.22: the operator writes PodDisruptionBudgets as policy/v1 (served
/// from 1.21) and writes every shared object and the CRD by server-side apply (GA in 1.22).
/// </summary>
public sealed record KubernetesServerVersion(int Major, int Minor, string GitVersion)
{
    public static readonly KubernetesServerVersion Minimum = new(1, 22, "v1.22");

    public bool IsOlderThan(KubernetesServerVersion other) => (Major, Minor).CompareTo((other.Major, other.Minor)) < 0;

    /// <summary>The official client's reading of <c>/version</c>; null as for <see cref="Parse(JsonNode?)"/>.</summary>
    public static KubernetesServerVersion? From(k8s.Models.VersionInfo? version) =>
        version is null ? null : Parse(new JsonObject { ["major"] = version.Major, ["minor"] = version.Minor, ["gitVersion"] = version.GitVersion });

    /// <summary>Null when the answer carries no numeric major and minor (then there is nothing to judge by).</summary>
    public static KubernetesServerVersion? Parse(JsonNode? version)
    {
        // Managed clusters report minors such as "21+": the digits are what counts.
        static int? Number(JsonNode? node) =>
            node?.GetValueKind() == System.Text.Json.JsonValueKind.String
            && int.TryParse(new string(node.GetValue<string>().TakeWhile(char.IsDigit).ToArray()), out var n) ? n : null;

        if (version is not JsonObject answer) return null;
        var major = Number(answer["major"]);
        var minor = Number(answer["minor"]);
        if (major is null || minor is null) return null;
        var git = answer["gitVersion"]?.GetValueKind() == System.Text.Json.JsonValueKind.String ? answer["gitVersion"]!.GetValue<string>() : $"v{major}.{minor}";
        return new KubernetesServerVersion(major.Value, minor.Value, git);
    }

    /// <summary>Why the server cannot be used, naming both versions; null when it can.</summary>
    public string? Refusal(string server) => IsOlderThan(Minimum)
        ? $"the Kubernetes API server {server} runs {GitVersion}, older than {Minimum.GitVersion}, the oldest this operator supports " +
          "(it needs policy/v1 PodDisruptionBudgets and server-side apply); upgrade the cluster or point the operator at a newer one."
        : null;
}
