using System.Text.Json;
using Actors.Contracts.Kafka;
using Actors.Grains.Broker;
using Actors.Grains.Cluster;
using Actors.Grains.Coordinator;
using Actors.Grains.Identity;
using Actors.Grains.Manifests;
using Actors.Grains.Rejections;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;

namespace Actors.Grains.Tests.Messages;

/// <summary>
/// Every message the grains exchange, built by the real code (a plan from a spec with every list
/// filled, decisions of every kind, a refused step), goes through Orleans' own generated codecs
/// and copiers and comes back the same: what crosses a grain call between two operator replicas,
/// or between two builds during the operator's rolling upgrade. A type without a codec (a
/// collection expression's compiler-made list, an ordered dictionary) fails here, not in a roll.
/// </summary>
public sealed class GrainMessageCodecTests : IDisposable
{
    /// <summary>What is compared: every public member, maps keyed by node included.</summary>
    private static readonly JsonSerializerOptions Json = new() { Converters = { new NodeKeyAsName() } };

    private sealed class NodeKeyAsName : System.Text.Json.Serialization.JsonConverter<NodeKey>
    {
        public override NodeKey Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => throw new NotSupportedException();
        public override void Write(Utf8JsonWriter writer, NodeKey value, JsonSerializerOptions options) => writer.WriteStringValue(value.ToString());
        public override void WriteAsPropertyName(Utf8JsonWriter writer, NodeKey value, JsonSerializerOptions options) => writer.WritePropertyName(value.ToString());
    }
    private readonly ServiceProvider services = new ServiceCollection().AddSerializer().BuildServiceProvider();
    private static readonly ClusterIdentity Cluster = new("kafka", "demo");

    private Serializer Serializer => services.GetRequiredService<Serializer>();
    private DeepCopier Copier => services.GetRequiredService<DeepCopier>();

    public void Dispose() => services.Dispose();

    private static KafkaClusterSpec FullSpec()
    {
        var spec = Specs.Valid().WithBrokerConfig("log.retention.hours", "24");
        return spec with
        {
            Brokers = spec.Brokers! with
            {
                NodeSelector = new() { ["pool"] = "kafka" },
                Tolerations = [new TolerationSpec { Key = "dedicated", Operator = "Equal", Value = "kafka", Effect = "NoSchedule", TolerationSeconds = 30 }],
            },
        };
    }

    private void AssertRoundTrips<T>(T message)
    {
        var expected = JsonSerializer.Serialize(message, message!.GetType(), Json);
        var decoded = Serializer.Deserialize<T>(Serializer.SerializeToArray(message));
        var copied = Copier.Copy(message);

        Assert.Equal(message.GetType(), decoded!.GetType());
        Assert.Equal(expected, JsonSerializer.Serialize(decoded, decoded.GetType(), Json));
        Assert.Equal(expected, JsonSerializer.Serialize(copied, copied!.GetType(), Json));
    }

    [Fact]
    public void A_plan_with_every_list_and_map_filled_round_trips()
    {
        var plan = ClusterPlan.From(Cluster, FullSpec(), "MkU3OEVBNTcwNTJENDM2Qk", new Dictionary<string, string> { [KafkaAnnotations.RestartAt] = "now", [KafkaAnnotations.SkipKafkaChecks] = "true" });
        var message = new CoordinatorPlan(Cluster, new ClusterOwner("demo", "uid-1"), plan.Desired, plan.Templates, "3.9-IV0");

        AssertRoundTrips(message);
        var decoded = Serializer.Deserialize<CoordinatorPlan>(Serializer.SerializeToArray(message))!;
        var broker = decoded.Templates[NodeKey.Broker(0)];
        // The revision is a hash of the template: equal after the trip means no restart from a message.
        Assert.Equal(message.Templates[NodeKey.Broker(0)].Revision, broker.Revision);
        Assert.Equal(message.Templates[NodeKey.Broker(0)].Properties.Keys, broker.Properties.Keys);
    }

    public static TheoryData<RolloutStep> Steps() => new()
    {
        new CreateNode(NodeKey.Broker(1), "abc", CreateVolume: true),
        new DeleteNodePod(NodeKey.Controller(2), "uid", PodDeletionReason.Roll),
        new RemoveNode(NodeKey.Broker(3), "uid", RemovalReason.ScaleIn),
        new DeletePvc(NodeKey.Broker(3)),
        new DeleteNodeConfig(NodeKey.Broker(3)),
        new AskGate(NodeKey.Broker(0), HealthGateQuestion.CanRestart),
        new RaiseMetadataVersion("3.8-IV0", "3.9-IV0"),
        new Wait(WaitReasons.NodeNotReady, "broker 0 is starting", TimeSpan.FromSeconds(10)),
        new Blocked("RollBlocked", "partition t-0 at min ISR"),
        new Paused(),
        new Done(),
        new ShutDownComplete(),
    };

    [Theory]
    [MemberData(nameof(Steps))]
    public void A_report_of_every_step_round_trips(RolloutStep step)
    {
        var operation = new OperationState(OperationKind.Roll, new DateTimeOffset(2026, 12, 3, 15, 0, 0, TimeSpan.Zero),
            [new PodDeletion(NodeKey.Broker(2), "uid-2", DeletionCause.Roll, "9c1e")]);
        var observed = new ObservedCluster(
            [new ObservedNode(NodeKey.Broker(2), new ObservedPod("uid-2", "9c1e", PodPhase.Running, Ready: true, ReadySince: DateTimeOffset.UnixEpoch), HasPvc: true, HasConfig: true),
             new ObservedNode(NodeKey.Broker(3), null, HasPvc: true)],
            "3.9-IV0", NodeKey.Controller(0));

        AssertRoundTrips(new CoordinatorReport(new RolloutDecision(step, operation), observed, null, 2, TimeSpan.FromSeconds(2)));
    }

    [Fact]
    public void The_coordinators_state_round_trips_so_a_move_to_its_home_replica_carries_the_operation_in_flight() =>
        // A migrating coordinator hands its persisted state (with its resourceVersion) to the new
        // activation through these codecs; without one the move fails and the grain merely deactivates.
        AssertRoundTrips(new GrainState<CoordinatorState>(new CoordinatorState
        {
            Operation = new OperationState(OperationKind.Roll, new DateTimeOffset(2026, 12, 3, 15, 0, 0, TimeSpan.Zero),
                [new PodDeletion(NodeKey.Broker(2), "uid-2", DeletionCause.Roll, "9c1e")]),
        }, "4711"));

    [Fact]
    public void A_node_report_round_trips() =>
        AssertRoundTrips(new NodeReport("demo-broker-0", "Ready", "uid", "9c1e", HasVolume: true));

    [Fact]
    public void A_refused_step_keeps_its_object_and_the_servers_words()
    {
        var failed = new StepFailedException(new StepTarget("Pod", "kafka", "demo-broker-0", StepRole.NodeObject),
            new RefusedWrite(403, "Forbidden", "pods is forbidden", IsConflict: false));

        var decoded = Serializer.Deserialize<Exception>(Serializer.SerializeToArray<Exception>(failed));

        var step = Assert.IsType<StepFailedException>(decoded);
        Assert.Equal((failed.Target, failed.Answer, failed.Message), (step.Target, step.Answer, step.Message));
    }
}
