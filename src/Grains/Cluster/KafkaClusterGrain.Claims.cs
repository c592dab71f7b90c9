using Actors.Contracts.Kafka;
using Actors.Grains.Events;
using Actors.Grains.Identity;
using Actors.Grains.Manifests;
using Actors.Grains.Status;
using Actors.Kubernetes;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging;

namespace Actors.Grains.Cluster;

/// <summary>The cluster grain's side of <see cref="RetainedClaims"/>: read the claims, write the id or the refusal.</summary>
public sealed partial class KafkaClusterGrain
{
    /// <summary>
    /// The claims of this cluster's identities. Before the cluster has an id they are listed from the
    /// API (that choice is made once and must see every claim); after, the informer's cache will do.
    /// </summary>
    private async Task<IReadOnlyList<RetainedClaim>> RetainedClaimsAsync(ClusterIdentity cluster, bool fromApi)
    {
        IEnumerable<V1PersistentVolumeClaim> claims = fromApi
            ? (await client.CoreV1.ListNamespacedPersistentVolumeClaimAsync(cluster.Namespace)).Items
            : informers.Volumes.ListInNamespace(cluster.Namespace);
        return
        [
            .. claims
                .Where(c => c.Metadata.DeletionTimestamp is null)
                .Select(c => (Claim: c, Role: RetainedClaims.RoleOf(cluster, c.Metadata.Name ?? "")))
                .Where(x => x.Role is not null)
                .Select(x => new RetainedClaim(x.Claim.Metadata.Name!, x.Role!.Value,
                    x.Claim.GetAnnotation(NodeVolume.ClusterIdAnnotation),
                    NodeVolume.RequestedStorage(x.Claim))),
        ];
    }

    /// <summary>Ready=False with the refusal, one Warning Event when it is first written; nothing else is touched.</summary>
    private async Task RefuseClaimsAsync(KafkaCluster resource, ClusterIdentity cluster, ClusterOwner owner, long generation, RefuseClaims refusal)
    {
        var previous = resource.Status ?? new KafkaClusterStatus();
        var refused = previous with
        {
            ObservedGeneration = generation,
            Conditions = ConditionSet.Set(previous.Conditions, new ClusterCondition
            {
                Type = KafkaConditionTypes.Ready,
                Status = ConditionStatus.False,
                ObservedGeneration = generation,
                Reason = refusal.Reason,
                Message = refusal.Message,
            }, time.GetUtcNow()),
        };
        if (await WriteStatusAsync(resource, refused))
        {
            logger.LogWarning("{Message}", refusal.Message);
            await events.RecordAsync(cluster, owner, ClusterEventRecorder.Warning, refusal.Reason, refusal.Message);
        }
    }
}
