using System.Text.Json.Serialization;

namespace Actors.Kubernetes;

/// <summary>metav1.Status: the API's answer to a failed request (and to some deletes).</summary>
public sealed class Status : KubernetesModel
{
    public string? ApiVersion { get; set; } = "v1";
    public string? Kind { get; set; } = "Status";
    public ListMeta? Metadata { get; set; }
    /// <summary>Success or Failure.</summary>
    [JsonPropertyName("status")]
    public string? Outcome { get; set; }
    public string? Message { get; set; }
    /// <summary>NotFound, AlreadyExists, Conflict, Invalid, Expired, Gone… (metav1.StatusReason).</summary>
    public string? Reason { get; set; }
    public StatusDetails? Details { get; set; }
    public int? Code { get; set; }
}

public sealed class StatusDetails : KubernetesModel
{
    public string? Name { get; set; }
    public string? Group { get; set; }
    public string? Kind { get; set; }
    public string? Uid { get; set; }
    public List<StatusCause>? Causes { get; set; }
    public int? RetryAfterSeconds { get; set; }
}

public sealed class StatusCause : KubernetesModel
{
    /// <summary>FieldValueInvalid, FieldValueRequired, …</summary>
    public string? Reason { get; set; }
    public string? Message { get; set; }
    /// <summary>The field path, e.g. "spec.replicas".</summary>
    public string? Field { get; set; }
}
