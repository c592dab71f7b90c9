using Actors.Grains.Manifests;
using Actors.Grains.Rendering;

namespace Actors.Grains.Broker;

/// <summary>
/// One Kafka node (broker or controller), keyed <c>namespace/name/&lt;role&gt;-&lt;n&gt;</c>
/// (see <see cref="Identity.NodeIdentity.GrainKey"/>). It owns the node's sticky identity — pod
/// name, node id, DNS name, PVC — and carries out what the coordinator decides for it. It never
/// decides on its own to create or delete anything: the coordinator is the only one that knows
/// whether the cluster can afford it. Its messages are the pure layer's types, so this interface
/// lives beside them rather than in Contracts.
/// </summary>
public interface IBrokerGrain : IGrainWithStringKey
{
    /// <summary>
    /// Creates the node's PVC (when asked, once), then — only if the node has no pod — writes its
    /// ConfigMap and creates its pod, both from the template; idempotent.
    /// </summary>
    Task CreateAsync(NodeTemplate template, ClusterOwner owner, bool createVolume);

    /// <summary>Deletes this pod instance only (uid precondition); a replacement is created by a later CreateAsync.</summary>
    Task DeletePodAsync(string podUid);

    /// <summary>Deletes the node's PVC; only called when the retention policy says Delete and no pod uses it.</summary>
    Task DeleteVolumeAsync();

    /// <summary>Deletes the node's ConfigMap; only called once a node that left the cluster has no pod.</summary>
    Task DeleteConfigAsync();

    /// <summary>The node as the API shows it now. Answers during a step too: it reads the API, not the grain's state.</summary>
    [AlwaysInterleave]
    Task<NodeReport> GetReportAsync();
}

/// <summary>What a node grain reports upward: Pending, Starting, Ready, Failed, Terminating or Absent.</summary>
[GenerateSerializer, Alias("actors.NodeReport")]
public sealed record NodeReport(string Pod, string Phase, string? PodUid, string? Revision, bool HasVolume);
