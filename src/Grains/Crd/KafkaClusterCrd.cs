using System.Text.Json.Nodes;
using Actors.Contracts.Kafka;
using Actors.Kubernetes;

namespace Actors.Grains.Crd;

/// <summary>
/// The KafkaCluster CustomResourceDefinition, built from the contract types: namespaced,
/// short name <c>kc</c>, the status subresource (so spec and status have separate writers) and
/// the columns <c>kubectl get kc</c> prints. deploy/crd can be generated from <see cref="Build"/>.
/// </summary>
public static class KafkaClusterCrd
{
    public static string Name => $"{KafkaClusterResource.Plural}.{KafkaClusterResource.Group}";

    public static CustomResourceDefinition Build() => new()
    {
        Metadata = new ObjectMeta
        {
            Name = Name,
            Labels = new() { [KafkaLabels.ManagedBy] = KafkaLabels.ManagedByValue },
        },
        Spec = new CustomResourceDefinitionSpec
        {
            Group = KafkaClusterResource.Group,
            Scope = "Namespaced",
            Names = new CustomResourceDefinitionNames
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
                new CustomResourceDefinitionVersion
                {
                    Name = KafkaClusterResource.Version,
                    Served = true,
                    Storage = true,
                    Schema = new CustomResourceValidation { OpenApiV3Schema = Schema() },
                    Subresources = new CustomResourceSubresources { Status = new CustomResourceSubresourceStatus() },
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

    private static JsonObject Schema() => new()
    {
        ["type"] = "object",
        ["description"] = "A Kafka cluster in KRaft mode run by the Actors operator: brokers, controllers, listeners and how changes roll out.",
        ["properties"] = new JsonObject
        {
            ["apiVersion"] = new JsonObject { ["type"] = "string", ["description"] = "The versioned schema of this object: kafka.actors.dev/v1alpha1." },
            ["kind"] = new JsonObject { ["type"] = "string", ["description"] = "KafkaCluster." },
            ["metadata"] = new JsonObject { ["type"] = "object", ["description"] = $"Name, namespace, labels and annotations. The name becomes part of every pod, Service and claim name: a DNS label of at most {Identity.ClusterIdentity.MaxNameLength} characters." },
            ["spec"] = OpenApiSchema.For(typeof(KafkaClusterSpec)),
            ["status"] = OpenApiSchema.For(typeof(KafkaClusterStatus)),
        },
    };

    private static CustomResourceColumnDefinition Column(string name, string type, string path, string? description) => new()
    {
        Name = name,
        Type = type,
        JsonPath = path,
        Description = description,
    };
}
