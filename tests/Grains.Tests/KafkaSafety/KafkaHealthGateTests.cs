using Actors.Contracts.Kafka;
using Actors.Grains.Cluster;
using Actors.Grains.Coordinator;
using Actors.Grains.Hosting;
using Actors.Grains.Identity;
using Actors.Grains.KafkaSafety;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace Actors.Grains.Tests.KafkaSafety;

/// <summary>The gate's own rules, without a Kafka: what it answers before, instead of and when failing to ask Kafka.</summary>
public class KafkaHealthGateTests
{
    private static readonly ClusterIdentity Cluster = new("kafka", "demo");

    // Nothing listens on port 1: asking Kafka there is refused at once.
    private static readonly DesiredCluster Desired = DesiredCluster.Create(1, 3, key => $"new-{key}") with
    {
        Kafka = new KafkaAccess("127.0.0.1:1"),
    };

    private static ObservedCluster AllReady(Func<NodeKey, bool>? ready = null) =>
        new([.. Desired.Revisions.Keys.Select(k => new ObservedNode(k, new ObservedPod($"uid-{k}", "old", PodPhase.Running, ready?.Invoke(k) ?? true), true))]);

    private static KafkaHealthGate Gate(string? addressMap = null) =>
        new(new KafkaOperatorOptions { KafkaAddressMap = addressMap, KafkaRequestTimeout = TimeSpan.FromSeconds(5) }, NullLogger<KafkaHealthGate>.Instance);

    private static ValueTask<GateAnswer> Ask(KafkaHealthGate gate, ObservedCluster observed, DesiredCluster? desired = null) =>
        gate.AskAsync(HealthGateQuestion.CanRestart, Cluster.Node(NodeKey.Broker(2)), observed, desired ?? Desired, CancellationToken.None);

    [Fact]
    public async Task A_closed_readiness_answer_stays_closed_without_asking_Kafka()
    {
        using var gate = Gate();

        var answer = await Ask(gate, AllReady(k => k != NodeKey.Broker(0)));

        Assert.False(answer.Open);
        Assert.Equal("broker 0 not ready", answer.Reason);
    }

    [Fact]
    public async Task An_unreachable_Kafka_holds_the_step_and_names_the_address()
    {
        using var gate = Gate();

        var answer = await Ask(gate, AllReady());

        Assert.False(answer.Open);
        Assert.StartsWith("Kafka unreachable at 127.0.0.1:1", answer.Reason);
    }

    [Theory]
    [InlineData("4.0-IV3", "metadata.version not raised to 4.0-IV3 (level 25)", "(asking 127.0.0.1:1); it is tried again until Kafka answers")]
    [InlineData("9.9-IV9", "this operator knows no feature level for metadata version 9.9-IV9", "9.9-IV9")]
    public async Task A_raise_Kafka_cannot_take_is_held_and_never_counts_as_finalized(string to, string starts, string ends)
    {
        using var gate = Gate();

        var answer = await gate.RaiseMetadataVersionAsync(Cluster, Desired, new RaiseMetadataVersion("3.9-IV0", to), CancellationToken.None);

        Assert.Null(answer.Finalized);
        Assert.StartsWith(starts, answer.Reason);
        Assert.EndsWith(ends, answer.Reason);
    }

    [Fact]
    public async Task A_deleted_cluster_is_forgotten_with_its_connection()
    {
        using var gate = Gate();
        await Ask(gate, AllReady());
        Assert.Equal([Cluster], gate.Connected);

        ((IHealthGate)gate).Forget(Cluster);

        Assert.Empty(gate.Connected);
    }

    [Fact]
    public async Task The_skip_annotation_opens_on_readiness_and_asks_for_a_Warning_Event()
    {
        using var gate = Gate();

        var answer = await Ask(gate, AllReady(), Desired with { SkipKafkaChecks = true });

        Assert.True(answer.Open);
        Assert.Equal(KafkaGateAnswer.ChecksSkippedReason, answer.Notice!.Reason);
        Assert.Contains("the restart of kafka/demo broker 2", answer.Notice.Message);
    }

    [Fact]
    public async Task An_operator_asking_only_mapped_clusters_lets_an_unmapped_one_go_by_readiness_with_an_Event_and_records_its_raise()
    {
        using var gate = new KafkaHealthGate(new KafkaOperatorOptions
        {
            KafkaAddressMap = "demo-bootstrap.kafka.svc.cluster.local:9092=127.0.0.1:1",
            KafkaChecksOnlyWhereMapped = true,
            KafkaRequestTimeout = TimeSpan.FromSeconds(5),
        }, NullLogger<KafkaHealthGate>.Instance);
        var unmapped = Desired with { Kafka = new KafkaAccess("other-bootstrap.kafka.svc.cluster.local:9092") };

        var answer = await Ask(gate, AllReady(), unmapped);
        var raise = await gate.RaiseMetadataVersionAsync(Cluster, unmapped, new RaiseMetadataVersion("3.9-IV0", "4.0-IV3"), CancellationToken.None);
        var connectedBefore = gate.Connected;
        var mapped = await Ask(gate, AllReady(), Desired with { Kafka = new KafkaAccess("demo-bootstrap.kafka.svc.cluster.local:9092") });

        Assert.True(answer.Open);
        Assert.Equal(KafkaGateAnswer.NoKafkaReason, answer.Notice!.Reason);
        Assert.Contains("other-bootstrap.kafka.svc.cluster.local:9092 is not one", answer.Notice.Message);
        Assert.Equal("4.0-IV3", raise.Finalized);
        Assert.Empty(connectedBefore); // nothing was asked for the unmapped cluster…
        // …while the mapped one is asked (and, with nothing listening at its mapped address, held).
        Assert.False(mapped.Open);
        Assert.StartsWith("Kafka unreachable at demo-bootstrap.kafka.svc.cluster.local:9092", mapped.Reason);
    }

    [Fact]
    public async Task An_invalid_address_map_holds_every_step_with_what_is_wrong()
    {
        using var gate = Gate("demo-bootstrap:9092");

        var answer = await Ask(gate, AllReady());

        Assert.False(answer.Open);
        Assert.Contains("Kafka address map 'demo-bootstrap:9092' is invalid", answer.Reason);
    }

    [Fact]
    public void The_plan_tells_the_gate_where_Kafka_is_and_whether_to_skip_it()
    {
        var spec = Specs.Valid() with
        {
            Listeners = [new ListenerSpec { Name = "clients", Port = 9094, Type = KafkaSpecValues.Internal, Tls = false }],
            Controllers = Specs.Valid().Controllers! with { Config = new() { ["controller.quorum.fetch.timeout.ms"] = "5000" } },
        };

        var desired = ClusterPlan.From(Cluster, spec, "id", new Dictionary<string, string> { [KafkaAnnotations.SkipKafkaChecks] = "true" }).Desired;

        Assert.Equal(new KafkaAccess("demo-bootstrap.kafka.svc.cluster.local:9094", TimeSpan.FromSeconds(5)), desired.Kafka);
        Assert.True(desired.SkipKafkaChecks);
        Assert.False(ClusterPlan.From(Cluster, Specs.Valid(), "id").Desired.SkipKafkaChecks);
    }

    [Theory]
    [InlineData(false, typeof(ReadinessHealthGate))]
    [InlineData(true, typeof(KafkaHealthGate))]
    public void The_Kafka_gate_is_the_health_gate_only_when_switched_on(bool kafkaChecks, Type expected)
    {
        var services = new ServiceCollection().AddLogging().AddKafkaOperator(o => o.KafkaChecks = kafkaChecks);
        using var provider = services.BuildServiceProvider();

        Assert.IsType(expected, provider.GetRequiredService<IHealthGate>());
    }
}
