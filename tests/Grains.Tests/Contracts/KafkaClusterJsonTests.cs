using System.Text.Json;
using Actors.Contracts.Kafka;
using Actors.Grains.Cluster;

namespace Actors.Grains.Tests.Contracts;

public class KafkaClusterJsonTests
{
    private const string UserSpec = """
        {
          "version": "3.9.0",
          "brokers": {
            "replicas": 3,
            "resources": { "requests": { "cpu": "1", "memory": "4Gi" } },
            "storage": { "size": "100Gi", "storageClassName": "fast" },
            "config": { "num.partitions": "6" },
            "nodeSelector": { "pool": "kafka" },
            "tolerations": [ { "key": "dedicated", "operator": "Equal", "value": "kafka", "effect": "NoSchedule" } ],
            "rack": { "topologyKey": "topology.kubernetes.io/zone" }
          },
          "controllers": { "replicas": 3, "storage": { "size": "10Gi" } },
          "listeners": [ { "name": "plain", "port": 9092, "type": "internal", "tls": false } ],
          "rollout": { "maxUnavailable": 1, "podManagementPolicy": "OrderedReady", "minReadySeconds": 10 },
          "persistentVolumeClaimRetentionPolicy": { "whenDeleted": "Retain", "whenScaled": "Delete" }
        }
        """;

    [Fact]
    public void A_spec_as_users_write_it_reads_into_every_field()
    {
        var spec = JsonSerializer.Deserialize<KafkaClusterSpec>(UserSpec)!;

        Assert.Equal("3.9.0", spec.Version);
        Assert.Equal(3, spec.Brokers!.Replicas);
        Assert.Equal("4Gi", spec.Brokers.Resources!.Requests!["memory"]);
        Assert.Equal(("100Gi", "fast"), (spec.Brokers.Storage!.Size, spec.Brokers.Storage.StorageClassName));
        Assert.Equal("6", spec.Brokers.Config!["num.partitions"]);
        Assert.Equal("kafka", spec.Brokers.NodeSelector!["pool"]);
        Assert.Equal("NoSchedule", Assert.Single(spec.Brokers.Tolerations!).Effect);
        Assert.Equal("topology.kubernetes.io/zone", spec.Brokers.Rack!.TopologyKey);
        Assert.Equal(("plain", 9092, false), (spec.Listeners![0].Name, spec.Listeners[0].Port!.Value, spec.Listeners[0].Tls!.Value));
        Assert.Equal((1, "OrderedReady", 10), (spec.Rollout!.MaxUnavailable!.Value, spec.Rollout.PodManagementPolicy, spec.Rollout.MinReadySeconds!.Value));
        Assert.Equal("Delete", spec.PersistentVolumeClaimRetentionPolicy!.WhenScaled);
        Assert.Empty(SpecValidator.Validate("demo", spec));
    }

    [Fact]
    public void Status_is_written_in_camel_case()
    {
        var status = new KafkaClusterStatus
        {
            ObservedGeneration = 3,
            ClusterId = "MkU3OEVBNTcwNTJENDM2Qk",
            ReadyBrokers = 3,
            BootstrapServers = "demo-bootstrap.kafka.svc.cluster.local:9092",
            Nodes = [new NodeStatus { Ordinal = 0, Role = "broker", NodeId = 0, Pod = "demo-broker-0", Phase = "Ready", Ready = true }],
            Conditions = [new ClusterCondition { Type = "Ready", Status = "True", Reason = "AllNodesReady", LastTransitionTime = "2026-01-01T00:00:00Z" }],
        };

        var json = JsonSerializer.Serialize(status);

        foreach (var field in new[] { "observedGeneration", "clusterId", "readyBrokers", "bootstrapServers", "nodes", "nodeId", "lastTransitionTime" })
            Assert.Contains($"\"{field}\"", json);
        Assert.Equal(status.ClusterId, JsonSerializer.Deserialize<KafkaClusterStatus>(json)!.ClusterId);
    }

    [Fact]
    public void Resource_names_match_the_crd()
    {
        Assert.Equal("kafka.actors.dev/v1alpha1", KafkaClusterResource.ApiVersion);
        Assert.Equal(("KafkaCluster", "kafkaclusters", "kc"), (KafkaClusterResource.Kind, KafkaClusterResource.Plural, KafkaClusterResource.ShortName));
        Assert.Equal("kafka.actors.dev/pause-reconciliation", KafkaAnnotations.PauseReconciliation);
        Assert.Equal("kafka.actors.dev/restart-at", KafkaAnnotations.RestartAt);
    }

    [Theory]
    [InlineData("true", true)]
    [InlineData("True", true)]
    [InlineData("false", false)]
    [InlineData("yes", false)]
    public void Only_true_pauses_reconciliation(string value, bool paused) =>
        Assert.Equal(paused, KafkaAnnotations.IsPaused(new Dictionary<string, string> { [KafkaAnnotations.PauseReconciliation] = value }));

    [Fact]
    public void A_cluster_id_is_a_22_character_url_safe_base64_uuid()
    {
        var id = KafkaClusterId.From(Guid.Parse("ffffffff-ffff-4fff-bfff-ffffffffffff"));
        Assert.Equal(22, id.Length);
        Assert.True(KafkaClusterId.IsValid(id));
        Assert.DoesNotContain('/', id);
        Assert.DoesNotContain('+', id);
        Assert.NotEqual(KafkaClusterId.New(), KafkaClusterId.New());
    }
}
