namespace Actors.Contracts.Kafka;

/// <summary>The names under which the <c>KafkaCluster</c> custom resource is served.</summary>
public static class KafkaClusterResource
{
    public const string Group = "kafka.actors.dev";
    public const string Version = "v1alpha1";
    public const string ApiVersion = Group + "/" + Version;
    public const string Kind = "KafkaCluster";
    public const string ListKind = "KafkaClusterList";
    public const string Plural = "kafkaclusters";
    public const string Singular = "kafkacluster";
    public const string ShortName = "kc";

    /// <summary>Finalizer that keeps the CR until the ordered shut-down has finished.</summary>
    public const string Finalizer = Group + "/shutdown";
}
