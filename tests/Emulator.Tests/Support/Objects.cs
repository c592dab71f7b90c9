using System.Text.Json.Nodes;

namespace Actors.Emulator.Tests.Support;

/// <summary>Objects tests create: a KafkaCluster CRD like the operator's, ConfigMaps, pods.</summary>
public static class Objects
{
    public const string Group = "kafka.actors.dev";
    public const string Version = "v1alpha1";

    public static string CrdYaml => """
        apiVersion: apiextensions.k8s.io/v1
        kind: CustomResourceDefinition
        metadata:
          name: kafkaclusters.kafka.actors.dev
        spec:
          group: kafka.actors.dev
          scope: Namespaced
          names:
            plural: kafkaclusters
            singular: kafkacluster
            kind: KafkaCluster
            shortNames: [kc]
            categories: [all]
          versions:
          - name: v1alpha1
            served: true
            storage: true
            subresources:
              status: {}
            additionalPrinterColumns:
            - name: Replicas
              type: integer
              jsonPath: .spec.replicas
            - name: Ready
              type: string
              jsonPath: .status.conditions[?(@.type=="Ready")].status
            - name: Age
              type: date
              jsonPath: .metadata.creationTimestamp
            schema:
              openAPIV3Schema:
                type: object
                properties:
                  spec:
                    type: object
                    required: [replicas]
                    properties:
                      replicas:
                        type: integer
                        minimum: 1
                      version:
                        type: string
                        default: "3.9.0"
                      listeners:
                        type: array
                        x-kubernetes-list-type: map
                        x-kubernetes-list-map-keys: [name]
                        items:
                          type: object
                          required: [name]
                          properties:
                            name: {type: string}
                            port: {type: integer}
                  status:
                    type: object
                    x-kubernetes-preserve-unknown-fields: true
        """;

    public static JsonObject Crd() => Patching.YamlDocument.ParseObject(CrdYaml);

    public static JsonObject KafkaCluster(string name, int replicas, string ns = "default") => new()
    {
        ["apiVersion"] = $"{Group}/{Version}", ["kind"] = "KafkaCluster",
        ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = ns },
        ["spec"] = new JsonObject { ["replicas"] = replicas },
    };

    public static JsonObject ConfigMap(string name, JsonObject? labels = null, JsonArray? owners = null)
    {
        var meta = new JsonObject { ["name"] = name };
        if (labels is not null) meta["labels"] = labels;
        if (owners is not null) meta["ownerReferences"] = owners;
        return new JsonObject { ["apiVersion"] = "v1", ["kind"] = "ConfigMap", ["metadata"] = meta, ["data"] = new JsonObject { ["k"] = "v" } };
    }

    public static JsonObject Pod(string name, string? node = null, JsonObject? labels = null)
    {
        var meta = new JsonObject { ["name"] = name };
        if (labels is not null) meta["labels"] = labels;
        var spec = new JsonObject
        {
            ["containers"] = new JsonArray(new JsonObject { ["name"] = "kafka", ["image"] = "apache/kafka:3.9.0" }),
        };
        if (node is not null) spec["nodeName"] = node;
        return new JsonObject { ["apiVersion"] = "v1", ["kind"] = "Pod", ["metadata"] = meta, ["spec"] = spec };
    }

    public static JsonArray OwnedBy(JsonObject owner, bool blockOwnerDeletion = false) => new(new JsonObject
    {
        ["apiVersion"] = owner["apiVersion"]!.GetValue<string>(), ["kind"] = owner["kind"]!.GetValue<string>(),
        ["name"] = owner["metadata"]!["name"]!.GetValue<string>(), ["uid"] = owner["metadata"]!["uid"]!.GetValue<string>(),
        ["blockOwnerDeletion"] = blockOwnerDeletion,
    });

    public static string? Text(this JsonNode? n, params string[] path)
    {
        foreach (var p in path) n = n is JsonObject o ? o[p] : null;
        return n is JsonValue v && v.TryGetValue<string>(out var s) ? s : n?.ToJsonString();
    }
}
