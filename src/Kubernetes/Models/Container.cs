using System.Text.Json.Serialization;

namespace Actors.Kubernetes;

public sealed class Container : KubernetesModel
{
    public string Name { get; set; } = "";
    public string? Image { get; set; }
    public string? ImagePullPolicy { get; set; }
    public List<string>? Command { get; set; }
    public List<string>? Args { get; set; }
    public string? WorkingDir { get; set; }
    public List<EnvVar>? Env { get; set; }
    public List<EnvFromSource>? EnvFrom { get; set; }
    public List<ContainerPort>? Ports { get; set; }
    public ResourceRequirements? Resources { get; set; }
    public List<VolumeMount>? VolumeMounts { get; set; }
    public Probe? ReadinessProbe { get; set; }
    public Probe? LivenessProbe { get; set; }
    public Probe? StartupProbe { get; set; }
    public SecurityContext? SecurityContext { get; set; }
    public string? TerminationMessagePolicy { get; set; }
}

public sealed class EnvVar : KubernetesModel
{
    public string Name { get; set; } = "";
    public string? Value { get; set; }
    public EnvVarSource? ValueFrom { get; set; }
}

public sealed class EnvVarSource : KubernetesModel
{
    public ObjectFieldSelector? FieldRef { get; set; }
    public KeySelector? ConfigMapKeyRef { get; set; }
    public KeySelector? SecretKeyRef { get; set; }
}

public sealed class ObjectFieldSelector : KubernetesModel
{
    public string FieldPath { get; set; } = "";
    public string? ApiVersion { get; set; }
}

/// <summary>A key of a ConfigMap or Secret (configMapKeyRef / secretKeyRef).</summary>
public sealed class KeySelector : KubernetesModel
{
    public string Name { get; set; } = "";
    public string Key { get; set; } = "";
    public bool? Optional { get; set; }
}

public sealed class EnvFromSource : KubernetesModel
{
    public string? Prefix { get; set; }
    public LocalObjectReference? ConfigMapRef { get; set; }
    public LocalObjectReference? SecretRef { get; set; }
}

public sealed class ContainerPort : KubernetesModel
{
    public string? Name { get; set; }
    /// <summary>The port number ("containerPort"; a member cannot share its class's name).</summary>
    [JsonPropertyName("containerPort")]
    public int Port { get; set; }
    public string? Protocol { get; set; }
}

/// <summary>requests/limits as quantities ("500m", "2Gi"), kept as the API's strings.</summary>
public sealed class ResourceRequirements : KubernetesModel
{
    public Dictionary<string, string>? Requests { get; set; }
    public Dictionary<string, string>? Limits { get; set; }
}

public sealed class VolumeMount : KubernetesModel
{
    public string Name { get; set; } = "";
    public string MountPath { get; set; } = "";
    public string? SubPath { get; set; }
    public bool? ReadOnly { get; set; }
}

public sealed class Probe : KubernetesModel
{
    public ExecAction? Exec { get; set; }
    public HttpGetAction? HttpGet { get; set; }
    public TcpSocketAction? TcpSocket { get; set; }
    public int? InitialDelaySeconds { get; set; }
    public int? PeriodSeconds { get; set; }
    public int? TimeoutSeconds { get; set; }
    public int? SuccessThreshold { get; set; }
    public int? FailureThreshold { get; set; }
}

public sealed class ExecAction : KubernetesModel
{
    public List<string> Command { get; set; } = [];
}

public sealed class HttpGetAction : KubernetesModel
{
    public string? Path { get; set; }
    public IntOrString Port { get; set; }
    public string? Scheme { get; set; }
}

public sealed class TcpSocketAction : KubernetesModel
{
    public IntOrString Port { get; set; }
}

public sealed class SecurityContext : KubernetesModel
{
    public long? RunAsUser { get; set; }
    public long? RunAsGroup { get; set; }
    public bool? RunAsNonRoot { get; set; }
    public bool? AllowPrivilegeEscalation { get; set; }
    public bool? ReadOnlyRootFilesystem { get; set; }
    public bool? Privileged { get; set; }
    public Capabilities? Capabilities { get; set; }
    public SeccompProfile? SeccompProfile { get; set; }
}

public sealed class Capabilities : KubernetesModel
{
    public List<string>? Add { get; set; }
    public List<string>? Drop { get; set; }
}
