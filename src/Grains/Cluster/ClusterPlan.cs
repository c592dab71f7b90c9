using Actors.Contracts.Kafka;
using Actors.Grains.Coordinator;
using Actors.Grains.Identity;
using Actors.Grains.Rendering;
using Actors.Kafka.Safety;

namespace Actors.Grains.Cluster;

/// <summary>
/// A valid spec turned into what the grains act on: each member node's template (and so its
/// revision) and the coordinator's <see cref="DesiredCluster"/>, with the spec's defaults applied.
/// </summary>
public sealed record ClusterPlan(ClusterIdentity Cluster, IReadOnlyDictionary<NodeKey, NodeTemplate> Templates, DesiredCluster Desired)
{
    public const int DefaultMaxUnavailable = 1;

    /// <summary>Builds the plan of a spec that passed <see cref="SpecValidator"/>.</summary>
    /// <param name="annotations">The CR's annotations (pause, restart-at).</param>
    /// <param name="deleting">The CR carries a deletionTimestamp.</param>
    public static ClusterPlan From(
        ClusterIdentity cluster,
        KafkaClusterSpec spec,
        string clusterId,
        IReadOnlyDictionary<string, string>? annotations = null,
        bool deleting = false,
        string clusterDomain = ClusterIdentity.DefaultClusterDomain)
    {
        var restartAt = annotations is not null && annotations.TryGetValue(KafkaAnnotations.RestartAt, out var at) ? at : null;
        var image = string.IsNullOrEmpty(spec.Image) ? KafkaVersions.DefaultImage(spec.Version!) : spec.Image;

        var templates = new Dictionary<NodeKey, NodeTemplate>();
        foreach (var (role, pool) in new[] { (NodeRole.Controller, spec.Controllers!), (NodeRole.Broker, spec.Brokers!) })
        for (var ordinal = 0; ordinal < pool.Replicas!.Value; ordinal++)
        {
            var node = cluster.Node(new NodeKey(role, ordinal));
            templates[node.Key] = new NodeTemplate
            {
                Identity = node,
                Image = image,
                ClusterId = clusterId,
                Properties = KafkaNodeConfig.Render(node, spec, clusterDomain),
                Requests = pool.Resources?.Requests ?? [],
                Limits = pool.Resources?.Limits ?? [],
                NodeSelector = pool.NodeSelector ?? [],
                Tolerations = pool.Tolerations ?? [],
                RackTopologyKey = pool.Rack?.TopologyKey,
                RestartAt = restartAt,
                Storage = pool.Storage!,
            };
        }

        var rollout = spec.Rollout;
        var desired = new DesiredCluster
        {
            Revisions = templates.ToDictionary(t => t.Key, t => t.Value.Revision),
            Rollout = new RolloutPolicy(
                rollout?.MaxUnavailable ?? DefaultMaxUnavailable,
                rollout?.PodManagementPolicy == KafkaSpecValues.Parallel ? PodManagementPolicy.Parallel : PodManagementPolicy.OrderedReady,
                TimeSpan.FromSeconds(rollout?.MinReadySeconds ?? 0)),
            WhenDeleted = Retention(spec.PersistentVolumeClaimRetentionPolicy?.WhenDeleted),
            WhenScaled = Retention(spec.PersistentVolumeClaimRetentionPolicy?.WhenScaled),
            Deleting = deleting,
            Paused = KafkaAnnotations.IsPaused(annotations),
            MetadataVersion = KafkaVersions.MetadataVersionOf(spec.Version!),
            Kafka = new KafkaAccess(BootstrapServers(cluster, spec, clusterDomain), QuorumFetchTimeout(templates)),
            SkipKafkaChecks = KafkaAnnotations.SkipsKafkaChecks(annotations),
        };
        return new ClusterPlan(cluster, templates, desired);
    }

    /// <summary><c>host:port</c> of the bootstrap Service for the first client listener.</summary>
    public static string BootstrapServers(ClusterIdentity cluster, KafkaClusterSpec spec, string clusterDomain = ClusterIdentity.DefaultClusterDomain) =>
        string.Join(",", KafkaListeners.Client(spec).Select(l => $"{cluster.BootstrapHost(clusterDomain)}:{l.Port}").Take(1));

    /// <summary>The controllers' <c>controller.quorum.fetch.timeout.ms</c> when the spec sets one; null means Kafka's default.</summary>
    private static TimeSpan? QuorumFetchTimeout(IReadOnlyDictionary<NodeKey, NodeTemplate> templates) =>
        templates.Values.Where(t => t.Identity.Role == NodeRole.Controller)
            .Select(t => t.Properties.TryGetValue(ControllerRestartGate.FetchTimeoutConfig, out var ms)
                         && long.TryParse(ms, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var value)
                ? TimeSpan.FromMilliseconds(value) : (TimeSpan?)null)
            .FirstOrDefault(t => t is not null);

    /// <summary>What a running cluster has now, for <see cref="SpecChangeValidator"/> to judge the next spec by.</summary>
    public static AppliedSpec Applied(KafkaClusterSpec spec, string? finalizedMetadataVersion) => new()
    {
        Version = spec.Version,
        MetadataVersion = finalizedMetadataVersion,
        ControllerReplicas = spec.Controllers?.Replicas,
        BrokerStorage = spec.Brokers?.Storage,
        ControllerStorage = spec.Controllers?.Storage,
    };

    private static VolumeRetention Retention(string? policy) =>
        policy == KafkaSpecValues.Delete ? VolumeRetention.Delete : VolumeRetention.Retain;
}
