using Actors.Contracts.Kafka;
using Actors.Grains.Identity;
using Actors.Grains.Rendering;
using k8s.Models;

namespace Actors.Grains.Manifests;

/// <summary>
/// The pod of one Kafka node, rendered from its <see cref="NodeTemplate"/>. The apache/kafka image
/// reads <c>/mnt/shared/config/server.properties</c> (the node's own <see cref="NodeConfigMap"/>)
/// and formats its storage with <c>CLUSTER_ID</c>; the data volume is the node's own PVC. The
/// revision annotation is what the coordinator compares to decide whether the node must roll.
/// </summary>
public static class NodePod
{
    public const string ContainerName = "kafka";
    public const string DataVolume = "data";
    public const string ConfigVolume = "config";
    public const string ConfigMountPath = "/mnt/shared/config";

    /// <summary>Long enough for a broker's controlled shutdown (leadership moves away first).</summary>
    public const long TerminationGracePeriodSeconds = 120;

    /// <summary>The uid the apache/kafka image runs as; the volume is made writable for it.</summary>
    public const long KafkaUser = 1000;

    public static V1Pod Render(NodeTemplate template, ClusterOwner owner)
    {
        var node = template.Identity;
        var ports = Ports(node);
        var pod = new V1Pod
        {
            ApiVersion = "v1",
            Kind = "Pod",
            Metadata = new V1ObjectMeta
            {
                Name = node.PodName,
                NamespaceProperty = node.Cluster.Namespace,
                Labels = OperatorLabels.Node(node),
                Annotations = new Dictionary<string, string> { [KafkaAnnotations.Revision] = template.Revision },
                OwnerReferences = [owner.Reference()],
            },
            Spec = new V1PodSpec
            {
                Hostname = node.PodName,
                Subdomain = node.Cluster.HeadlessServiceName,
                TerminationGracePeriodSeconds = TerminationGracePeriodSeconds,
                RestartPolicy = "Always",
                EnableServiceLinks = false,
                SecurityContext = new V1PodSecurityContext
                {
                    RunAsUser = KafkaUser, RunAsGroup = KafkaUser, FsGroup = KafkaUser, RunAsNonRoot = true,
                    SeccompProfile = new V1SeccompProfile { Type = "RuntimeDefault" },
                },
                Affinity = SpreadOverHosts(node),
                NodeSelector = template.NodeSelector.Count > 0 ? new Dictionary<string, string>(template.NodeSelector) : null,
                Tolerations = template.Tolerations.Count > 0
                    ? template.Tolerations.Select(t => new V1Toleration { Key = t.Key, OperatorProperty = t.Operator, Value = t.Value, Effect = t.Effect, TolerationSeconds = t.TolerationSeconds }).ToList()
                    : null,
                TopologySpreadConstraints = template.RackTopologyKey is { } rack
                    ? [new V1TopologySpreadConstraint
                    {
                        MaxSkew = 1,
                        TopologyKey = rack,
                        WhenUnsatisfiable = "ScheduleAnyway",
                        LabelSelector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { [KafkaLabels.Instance] = node.Cluster.Name, [KafkaLabels.Role] = node.Role.Word() } },
                    }]
                    : null,
                Containers =
                [
                    new V1Container
                    {
                        Name = ContainerName,
                        Image = template.Image,
                        // The image's start script writes the effective configuration under
                        // /opt/kafka/config, so the root filesystem stays writable; nothing else is allowed.
                        SecurityContext = new V1SecurityContext
                        {
                            RunAsNonRoot = true,
                            AllowPrivilegeEscalation = false,
                            Privileged = false,
                            ReadOnlyRootFilesystem = false,
                            Capabilities = new V1Capabilities { Drop = ["ALL"] },
                        },
                        Env =
                        [
                            new V1EnvVar { Name = "CLUSTER_ID", Value = template.ClusterId },
                            new V1EnvVar { Name = "KAFKA_NODE_ID", Value = node.NodeId.ToString(System.Globalization.CultureInfo.InvariantCulture) },
                        ],
                        Ports = ports.Select(p => new V1ContainerPort { Name = p.Name, ContainerPort = p.Port, Protocol = "TCP" }).ToList(),
                        Resources = template.Requests.Count + template.Limits.Count > 0
                            ? new V1ResourceRequirements
                            {
                                Requests = template.Requests.Count > 0 ? Quantities(template.Requests) : null,
                                Limits = template.Limits.Count > 0 ? Quantities(template.Limits) : null,
                            }
                            : null,
                        VolumeMounts =
                        [
                            new V1VolumeMount { Name = DataVolume, MountPath = KafkaNodeConfig.DataMountPath },
                            new V1VolumeMount { Name = ConfigVolume, MountPath = ConfigMountPath, ReadOnlyProperty = true },
                        ],
                        // Ready once the node accepts connections on the port its peers use.
                        ReadinessProbe = new V1Probe
                        {
                            TcpSocket = new V1TCPSocketAction { Port = ports[0].Port },
                            PeriodSeconds = 5,
                            FailureThreshold = 3,
                        },
                    },
                ],
                Volumes =
                [
                    new V1Volume { Name = DataVolume, PersistentVolumeClaim = new V1PersistentVolumeClaimVolumeSource { ClaimName = node.PvcName } },
                    new V1Volume
                    {
                        Name = ConfigVolume,
                        ConfigMap = new V1ConfigMapVolumeSource
                        {
                            Name = node.ConfigMapName,
                            Items = [new V1KeyToPath { Key = NodeConfigMap.PropertiesKey, Path = "server.properties" }],
                        },
                    },
                ],
            },
        };
        return pod;
    }

    /// <summary>
    /// Prefer one node of a role per host, so losing a host costs at most one replica or one voter;
    /// preferred, not required, so a small test cluster still schedules.
    /// </summary>
    public static V1Affinity SpreadOverHosts(NodeIdentity node) => new()
    {
        PodAntiAffinity = new V1PodAntiAffinity
        {
            PreferredDuringSchedulingIgnoredDuringExecution =
            [
                new V1WeightedPodAffinityTerm
                {
                    Weight = 100,
                    PodAffinityTerm = new V1PodAffinityTerm
                    {
                        TopologyKey = "kubernetes.io/hostname",
                        LabelSelector = new V1LabelSelector
                        {
                            MatchLabels = new Dictionary<string, string> { [KafkaLabels.Instance] = node.Cluster.Name, [KafkaLabels.Role] = node.Role.Word() },
                        },
                    },
                },
            ],
        },
    };

    /// <summary>The revision a pod was rendered at, from its annotation.</summary>
    public static string? RevisionOf(V1Pod pod) =>
        pod.Metadata?.Annotations is { } a && a.TryGetValue(KafkaAnnotations.Revision, out var revision) ? revision : null;

    /// <summary>Requests or limits as the API's quantities (the spec's strings are validated before rendering).</summary>
    private static Dictionary<string, ResourceQuantity> Quantities(IReadOnlyDictionary<string, string> values) =>
        values.ToDictionary(v => v.Key, v => new ResourceQuantity(v.Value));

    /// <summary>The node's listening ports, the one its readiness is probed on first.</summary>
    public static IReadOnlyList<(string Name, int Port)> Ports(NodeIdentity node) => node.Role == NodeRole.Controller
        ? [("controller", KafkaListeners.Controller.Port)]
        : [("replication", KafkaListeners.Replication.Port), ("controller", KafkaListeners.Controller.Port)];
}
