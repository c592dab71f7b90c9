using System.Text.Json.Serialization;

namespace Actors.Kubernetes;

/// <summary>core/v1 Event, what `kubectl describe` shows under "Events".</summary>
public sealed class Event : KubernetesObject, IKubernetesResource
{
    public static ResourceType ResourceType { get; } = new("", "v1", "Event", "events", Namespaced: true);

    public Event() { ApiVersion = "v1"; Kind = "Event"; }

    public ObjectReference InvolvedObject { get; set; } = new();
    public string? Reason { get; set; }
    public string? Message { get; set; }
    /// <summary>Normal or Warning.</summary>
    public string? Type { get; set; }
    public EventSource? Source { get; set; }
    public DateTimeOffset? FirstTimestamp { get; set; }
    public DateTimeOffset? LastTimestamp { get; set; }
    public int? Count { get; set; }
    [JsonConverter(typeof(MicroTimeConverter))]
    public DateTimeOffset? EventTime { get; set; }
    public string? Action { get; set; }
    public string? ReportingComponent { get; set; }
    public string? ReportingInstance { get; set; }
    public ObjectReference? Related { get; set; }
}

public sealed class ObjectReference : KubernetesModel
{
    public string? ApiVersion { get; set; }
    public string? Kind { get; set; }
    public string? Name { get; set; }
    public string? Namespace { get; set; }
    public string? Uid { get; set; }
    public string? ResourceVersion { get; set; }
    public string? FieldPath { get; set; }
}

public sealed class EventSource : KubernetesModel
{
    public string? Component { get; set; }
    public string? Host { get; set; }
}
