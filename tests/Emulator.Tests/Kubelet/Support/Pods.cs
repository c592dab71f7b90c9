using Actors.Kubernetes;

namespace Actors.Emulator.Tests.Kubelet.Support;

/// <summary>The objects the tests create: a broker-like pod, and a claim for its data.</summary>
public static class Pods
{
    public static Pod Broker(string name, Dictionary<string, string>? annotations = null, string? claim = null,
        IEnumerable<string>? readinessGates = null, long? gracePeriodSeconds = null) => new()
    {
        Metadata = new ObjectMeta { Name = name, Namespace = "default", Labels = new() { ["app"] = "kafka" }, Annotations = annotations },
        Spec = new PodSpec
        {
            Containers =
            [
                new Container
                {
                    Name = "kafka", Image = "apache/kafka:3.9.0",
                    VolumeMounts = claim is null ? null : [new VolumeMount { Name = "data", MountPath = "/var/lib/kafka" }],
                },
            ],
            Volumes = claim is null ? null : [new Volume { Name = "data", PersistentVolumeClaim = new PersistentVolumeClaimVolumeSource { ClaimName = claim } }],
            ReadinessGates = readinessGates?.Select(g => new PodReadinessGate { ConditionType = g }).ToList(),
            TerminationGracePeriodSeconds = gracePeriodSeconds,
        },
    };

    public static PersistentVolumeClaim Claim(string name, string size = "10Gi") => new()
    {
        Metadata = new ObjectMeta { Name = name, Namespace = "default" },
        Spec = new PersistentVolumeClaimSpec
        {
            AccessModes = ["ReadWriteOnce"],
            Resources = new ResourceRequirements { Requests = new() { ["storage"] = size } },
        },
    };
}
