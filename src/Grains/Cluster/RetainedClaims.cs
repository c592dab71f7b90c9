using System.Text.RegularExpressions;
using Actors.Contracts.Kafka;
using Actors.Grains.Identity;
using Actors.Grains.Manifests;

namespace Actors.Grains.Cluster;

/// <summary>A claim of one of the cluster's identities, as far as the cluster id decision needs it.</summary>
public sealed record RetainedClaim(string Name, NodeRole Role, string? ClusterId, string? Size);

/// <summary>What to do about the KRaft cluster id, given the claims that already exist.</summary>
public abstract record ClusterIdChoice;

/// <summary>No claim says anything: a new cluster id.</summary>
public sealed record GenerateClusterId : ClusterIdChoice;

/// <summary>The cluster keeps the id it has.</summary>
public sealed record KeepClusterId(string Id) : ClusterIdChoice;

/// <summary>Retained claims agree on an id: the (re-)created cluster takes it, so its nodes can start on them.</summary>
public sealed record AdoptClusterId(string Id, IReadOnlyList<string> Claims) : ClusterIdChoice;

/// <summary>The claims cannot be used as they are: nothing may be acted on until the user decides.</summary>
public sealed record RefuseClaims(string Reason, string Message) : ClusterIdChoice;

/// <summary>
/// Retained claims and the KRaft cluster id. Kafka formats each volume for one cluster id and
/// refuses to start on a volume formatted for another, so a cluster that finds claims of its
/// identities (a deleted cluster's, kept by retention <c>Retain</c>) must run under their id.
/// Pure: the cluster grain lists the claims and writes what this decides. It never deletes:
/// whose data to give up is the user's decision, and the refusal says how to make it.
/// </summary>
public static class RetainedClaims
{
    public const string ClusterIdConflict = "ClusterIdConflict";
    public const string ClaimsUnusable = "RetainedClaimsUnusable";

    private const string HowToProceed =
        "Kafka does not start a node on storage formatted for another cluster. To proceed, delete the claims that do not belong " +
        "to this cluster (their data is lost), or restore the cluster they belong to (its spec and cluster id). Nothing was changed.";

    /// <summary>True for a claim name of one of the cluster's identities: <c>data-&lt;cluster&gt;-&lt;role&gt;-&lt;n&gt;</c>.</summary>
    public static NodeRole? RoleOf(ClusterIdentity cluster, string claimName)
    {
        var match = Regex.Match(claimName, $@"\Adata-{Regex.Escape(cluster.Name)}-(broker|controller)-[0-9]+\z");
        if (!match.Success) return null;
        return match.Groups[1].Value == "broker" ? NodeRole.Broker : NodeRole.Controller;
    }

    public static ClusterIdChoice Choose(ClusterIdentity cluster, string? currentId, KafkaClusterSpec spec, IReadOnlyList<RetainedClaim> claims)
    {
        var marked = claims.Where(c => !string.IsNullOrEmpty(c.ClusterId)).OrderBy(c => c.Name, StringComparer.Ordinal).ToList();
        var malformed = marked.Where(c => !KafkaClusterId.IsValid(c.ClusterId)).ToList();
        if (malformed.Count > 0)
            return new RefuseClaims(ClusterIdConflict,
                $"Retained claims of {cluster} carry a {NodeVolume.ClusterIdAnnotation} annotation that is not a KRaft cluster id: {Describe(malformed)}. " +
                "Restore the annotation to the id the volume was formatted with, or delete the claims (their data is lost). Nothing was changed.");
        var ids = marked.GroupBy(c => c.ClusterId!).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).ToList();

        if (currentId is not null)
        {
            var foreign = marked.Where(c => c.ClusterId != currentId).ToList();
            return foreign.Count == 0
                ? new KeepClusterId(currentId)
                : new RefuseClaims(ClusterIdConflict,
                    $"Retained claims of {cluster} carry another KRaft cluster id than the cluster's {currentId}: {Describe(foreign)}. {HowToProceed}");
        }

        if (ids.Count > 1)
            return new RefuseClaims(ClusterIdConflict,
                $"Retained claims of {cluster} disagree on the KRaft cluster id: {string.Join("; ", ids.Select(g => $"{Names(g)} {(g.Count() == 1 ? "has" : "have")} {g.Key}"))}. {HowToProceed}");

        if (Smaller(spec, claims) is { } shrunk)
            return new RefuseClaims(ClaimsUnusable,
                $"Retained claims of {cluster} are larger than the spec asks and a claim cannot shrink: {shrunk}. " +
                "Restore the storage size they were made with, or delete the claims (their data is lost). Nothing was changed.");

        return ids.Count == 1 ? new AdoptClusterId(ids[0].Key, [.. ids[0].Select(c => c.Name)]) : new GenerateClusterId();
    }

    /// <summary>The claims the spec asks less storage for than they hold, in words; null when there are none.</summary>
    private static string? Smaller(KafkaClusterSpec spec, IReadOnlyList<RetainedClaim> claims)
    {
        var shrunk = claims
            .Select(c => (Claim: c, Asked: (c.Role == NodeRole.Broker ? spec.Brokers : spec.Controllers)?.Storage?.Size))
            .Where(x => Quantity.TryParse(x.Claim.Size, out var held) && Quantity.TryParse(x.Asked, out var asked) && asked < held)
            .OrderBy(x => x.Claim.Name, StringComparer.Ordinal)
            .Select(x => $"{x.Claim.Name} holds {x.Claim.Size}, spec.{(x.Claim.Role == NodeRole.Broker ? "brokers" : "controllers")}.storage.size is {x.Asked}")
            .ToList();
        return shrunk.Count == 0 ? null : string.Join("; ", shrunk);
    }

    private static string Describe(IEnumerable<RetainedClaim> claims) => string.Join(", ", claims.Select(c => $"{c.Name} has {c.ClusterId}"));

    private static string Names(IEnumerable<RetainedClaim> claims) => string.Join(", ", claims.Select(c => c.Name));
}
