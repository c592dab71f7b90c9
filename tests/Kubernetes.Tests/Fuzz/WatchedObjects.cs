using System.Text.Json.Nodes;

namespace Actors.Kubernetes.Tests.Fuzz;

/// <summary>Valid objects of the two kinds the operator watches most, as the API server sends them.</summary>
public static class WatchedObjects
{
    public static JsonObject KafkaCluster(string name, string resourceVersion, string ns = "kafka") => new()
    {
        ["apiVersion"] = "kafka.actors.dev/v1alpha1",
        ["kind"] = "KafkaCluster",
        ["metadata"] = Metadata(name, resourceVersion, ns),
        ["spec"] = JsonNode.Parse("""
            {"version":"3.9.0","image":"apache/kafka:3.9.0",
             "brokers":{"replicas":3,"storage":{"size":"10Gi","storageClassName":"fast"},"config":{"num.partitions":"6"},
                        "nodeSelector":{"disk":"ssd"},"resources":{"requests":{"cpu":"500m"},"limits":{"memory":"2Gi"}},
                        "tolerations":[{"key":"kafka","operator":"Exists","effect":"NoSchedule","tolerationSeconds":30}],
                        "rack":{"topologyKey":"topology.kubernetes.io/zone"}},
             "controllers":{"replicas":3,"storage":{"size":"2Gi"}},
             "listeners":[{"name":"apps","port":19092,"tls":false}],
             "rollout":{"maxUnavailable":1,"podManagementPolicy":"OrderedReady","minReadySeconds":10},
             "persistentVolumeClaimRetentionPolicy":{"whenDeleted":"Retain","whenScaled":"Delete"}}
            """),
        ["status"] = JsonNode.Parse("""
            {"observedGeneration":2,"conditions":[{"type":"Ready","status":"True","reason":"Reconciled","message":"ok",
             "lastTransitionTime":"2026-11-22T10:00:00Z","observedGeneration":2}]}
            """),
    };

    public static JsonObject Pod(string name, string resourceVersion, string ns = "kafka") => new()
    {
        ["apiVersion"] = "v1",
        ["kind"] = "Pod",
        ["metadata"] = Metadata(name, resourceVersion, ns),
        ["spec"] = JsonNode.Parse("""
            {"containers":[{"name":"kafka","image":"apache/kafka:3.9.0","ports":[{"containerPort":9092,"protocol":"TCP"}],
              "resources":{"requests":{"cpu":"500m","memory":"2Gi"}},"env":[{"name":"KAFKA_NODE_ID","value":"0"}]}],
             "priority":0,"terminationGracePeriodSeconds":30,"nodeSelector":{"disk":"ssd"}}
            """),
        ["status"] = JsonNode.Parse("""
            {"phase":"Running","startTime":"2026-11-22T10:00:00Z","conditions":[{"type":"Ready","status":"True","lastTransitionTime":"2026-11-22T10:00:00Z"}]}
            """),
    };

    private static JsonObject Metadata(string name, string resourceVersion, string ns) => new()
    {
        ["name"] = name,
        ["namespace"] = ns,
        ["uid"] = "uid-" + name,
        ["resourceVersion"] = resourceVersion,
        ["generation"] = 2,
        ["creationTimestamp"] = "2026-11-22T10:00:00Z",
        ["labels"] = new JsonObject { ["app.kubernetes.io/instance"] = "demo" },
        ["annotations"] = new JsonObject { ["note"] = "hello" },
        ["ownerReferences"] = JsonNode.Parse("""[{"apiVersion":"v1","kind":"ConfigMap","name":"owner","uid":"u-owner","controller":true}]"""),
    };
}
