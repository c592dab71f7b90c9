using k8s.Models;

namespace Actors.Emulator.Tests.Kubelet.Support;

/// <summary>The objects the tests create: a broker-like pod, and a claim for its data.</summary>
public static class Pods
{
    public static V1Pod Broker(string name, Dictionary<string, string>? annotations = null, string? claim = null,
        IEnumerable<string>? readinessGates = null, long? gracePeriodSeconds = null) => new()
    {
        ApiVersion = V1Pod.KubeApiVersion,
        Kind = V1Pod.KubeKind,
        Metadata = new V1ObjectMeta
        {
            Name = name, NamespaceProperty = "default", Labels = new Dictionary<string, string> { ["app"] = "kafka" }, Annotations = annotations,
        },
        Spec = new V1PodSpec
        {
            Containers =
            [
                new V1Container
                {
                    Name = "kafka", Image = "apache/kafka:3.9.0",
                    VolumeMounts = claim is null ? null : [new V1VolumeMount { Name = "data", MountPath = "/var/lib/kafka" }],
                },
            ],
            Volumes = claim is null ? null : [new V1Volume { Name = "data", PersistentVolumeClaim = new V1PersistentVolumeClaimVolumeSource { ClaimName = claim } }],
            ReadinessGates = readinessGates?.Select(g => new V1PodReadinessGate { ConditionType = g }).ToList(),
            TerminationGracePeriodSeconds = gracePeriodSeconds,
        },
    };

    public static V1PersistentVolumeClaim Claim(string name, string size = "10Gi") => new()
    {
        ApiVersion = V1PersistentVolumeClaim.KubeApiVersion,
        Kind = V1PersistentVolumeClaim.KubeKind,
        Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = "default" },
        Spec = new V1PersistentVolumeClaimSpec
        {
            AccessModes = ["ReadWriteOnce"],
            Resources = new V1VolumeResourceRequirements { Requests = new Dictionary<string, ResourceQuantity> { ["storage"] = new ResourceQuantity(size) } },
        },
    };
}
