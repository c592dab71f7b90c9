namespace Actors.Contracts.Kafka;

/// <summary>Labels on everything the operator creates: the standard recommended ones plus the node's place.</summary>
public static class KafkaLabels
{
    public const string Name = "app.kubernetes.io/name";
    public const string Instance = "app.kubernetes.io/instance";
    public const string Component = "app.kubernetes.io/component";
    public const string ManagedBy = "app.kubernetes.io/managed-by";
    public const string Ordinal = KafkaClusterResource.Group + "/ordinal";
    public const string Role = KafkaClusterResource.Group + "/role";

    public const string NameValue = "kafka";
    public const string ManagedByValue = "actors-operator";
}
