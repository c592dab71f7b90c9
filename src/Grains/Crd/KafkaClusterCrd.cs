using Actors.Contracts.Kafka;
using k8s.Models;

namespace Actors.Grains.Crd;

/// <summary>
/// The KafkaCluster CustomResourceDefinition, built from the contract types: namespaced,
/// short name <c>kc</c>, the status subresource (so spec and status have separate writers) and
/// the columns <c>kubectl get kc</c> prints. deploy/crd can be generated from <see cref="Build"/>.
/// </summary>
public static class KafkaClusterCrd
{
    public static string Name => $"{KafkaClusterResource.Plural}.{KafkaClusterResource.Group}";

    public static V1CustomResourceDefinition Build() => new()
    {
        ApiVersion = "apiextensions.k8s.io/v1",
        Kind = "CustomResourceDefinition",
        Metadata = new V1ObjectMeta
        {
            Name = Name,
            Labels = new Dictionary<string, string> { [KafkaLabels.ManagedBy] = KafkaLabels.ManagedByValue },
        },
        Spec = new V1CustomResourceDefinitionSpec
        {
            Group = KafkaClusterResource.Group,
            Scope = "Namespaced",
            Names = new V1CustomResourceDefinitionNames
            {
                Plural = KafkaClusterResource.Plural,
                Singular = KafkaClusterResource.Singular,
                Kind = KafkaClusterResource.Kind,
                ListKind = KafkaClusterResource.ListKind,
                ShortNames = [KafkaClusterResource.ShortName],
                Categories = ["all", "kafka"],
            },
            Versions =
            [
                new V1CustomResourceDefinitionVersion
                {
                    Name = KafkaClusterResource.Version,
                    Served = true,
                    Storage = true,
                    Schema = new V1CustomResourceValidation { OpenAPIV3Schema = Schema() },
                    // Present (an empty object) to enable the status subresource.
                    Subresources = new V1CustomResourceSubresources { Status = new Dictionary<string, object>() },
                    AdditionalPrinterColumns =
                    [
                        Column("Ready", "string", ".status.conditions[?(@.type==\"Ready\")].status", "Whether every node is ready at its desired revision"),
                        Column("Brokers", "integer", ".status.readyBrokers", "Ready brokers"),
                        Column("Controllers", "integer", ".status.readyControllers", "Ready KRaft controllers"),
                        Column("Version", "string", ".spec.version", "Kafka version"),
                        Column("Age", "date", ".metadata.creationTimestamp", null),
                    ],
                },
            ],
        },
    };

    private static V1JSONSchemaProps Schema() => new()
    {
        Type = "object",
        Description = "A Kafka cluster in KRaft mode run by the Actors operator: brokers, controllers, listeners and how changes roll out.",
        Properties = new Dictionary<string, V1JSONSchemaProps>
        {
            ["apiVersion"] = new() { Type = "string", Description = "The versioned schema of this object: kafka.actors.dev/v1alpha1." },
            ["kind"] = new() { Type = "string", Description = "KafkaCluster." },
            ["metadata"] = new() { Type = "object", Description = $"Name, namespace, labels and annotations. The name becomes part of every pod, Service and claim name: a DNS label of at most {Identity.ClusterIdentity.MaxNameLength} characters." },
            ["spec"] = OpenApiSchema.For(typeof(KafkaClusterSpec)),
            ["status"] = OpenApiSchema.For(typeof(KafkaClusterStatus)),
        },
    };

    private static V1CustomResourceColumnDefinition Column(string name, string type, string path, string? description) => new()
    {
        Name = name,
        Type = type,
        JsonPath = path,
        Description = description,
    };
}
