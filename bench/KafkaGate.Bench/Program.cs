using System.Diagnostics;
using Actors.Grains.Coordinator;
using Actors.Grains.Hosting;
using Actors.Grains.Identity;
using Actors.Grains.KafkaSafety;
using Actors.Kafka.Checks;
using Actors.Kafka.Client;
using Actors.Kafka.Features;
using Actors.Kafka.Peer;
using Actors.KafkaGate.Bench;
using Microsoft.Extensions.Logging.Abstractions;

// Usage: KafkaGate.Bench [topics = 100] [samples = 300]
// What one roll step costs with the Kafka checks on: the gate's answer before a restart or a
// removal, asked of a Kafka protocol peer on 127.0.0.1, against the readiness gate alone.
var topics = args.Length > 0 ? int.Parse(args[0]) : 100;
var samples = args.Length > 1 ? int.Parse(args[1]) : 300;

var model = PeerCluster.Model(controllers: 3, brokers: 3, topics);
await using var peer = KafkaPeer.Start(model);
var cluster = new ClusterIdentity("kafka", "bench");
var bootstrap = $"{cluster.BootstrapHost("cluster.local")}:9092";
var desired = DesiredCluster.Create(3, 3, key => $"new-{key}") with { Kafka = new KafkaAccess(bootstrap) };
var observed = new ObservedCluster([.. desired.Revisions.Keys.Select(k =>
    new ObservedNode(k, new ObservedPod($"uid-{k}", "old", PodPhase.Running, Ready: true, ReadySince: DateTimeOffset.UtcNow.AddHours(-1)), true))]);

using var kafkaGate = new KafkaHealthGate(new KafkaOperatorOptions
{
    KafkaChecks = true,
    KafkaAddressMap = $"{bootstrap}={peer.Endpoint}",
    KafkaRequestTimeout = TimeSpan.FromSeconds(10),
}, NullLogger<KafkaHealthGate>.Instance);
IHealthGate readiness = new ReadinessHealthGate();
using var confluent = new KafkaSafetyChecks(new KafkaConnection
{
    Bootstrap = peer.Endpoint,
    PartitionClient = PartitionClient.ConfluentKafka,
});

Console.WriteLine($"peer at {peer.Endpoint}: 3 controllers, 3 brokers, {topics} topics x 6 partitions (RF 3, min ISR 2); {samples} samples each, after 1 cold call");
Console.WriteLine($"{"question",-58} {"cold",8} {"p50",8} {"p95",8} {"max",8}  answer");

async Task Measure(string name, Func<Task<string>> ask)
{
    var watch = Stopwatch.StartNew();
    var answer = await ask();
    var cold = watch.Elapsed.TotalMilliseconds;
    var times = new double[samples];
    for (var i = 0; i < samples; i++)
    {
        watch.Restart();
        await ask();
        times[i] = watch.Elapsed.TotalMilliseconds;
    }
    Array.Sort(times);
    double Rank(double p) => times[Math.Clamp((int)Math.Ceiling(p * times.Length) - 1, 0, times.Length - 1)];
    Console.WriteLine($"{name,-58} {cold,8:0.000} {Rank(0.5),8:0.000} {Rank(0.95),8:0.000} {times[^1],8:0.000}  {answer[..Math.Min(answer.Length, 40)]}");
}

Task<string> Ask(IHealthGate gate, HealthGateQuestion question, NodeKey node) =>
    gate.AskAsync(question, cluster.Node(node), observed, desired, CancellationToken.None).AsTask()
        .ContinueWith(t => $"{(t.Result.Open ? "open" : "closed")}: {t.Result.Reason}", TaskScheduler.Default);

await Measure("readiness only: restart broker 2", () => Ask(readiness, HealthGateQuestion.CanRestart, NodeKey.Broker(2)));
await Measure("Kafka gate: restart broker 2 (ISR, our client)", () => Ask(kafkaGate, HealthGateQuestion.CanRestart, NodeKey.Broker(2)));
await Measure("Kafka gate: restart controller 2 (DescribeQuorum)", () => Ask(kafkaGate, HealthGateQuestion.CanRestart, NodeKey.Controller(2)));
await Measure("Kafka gate: remove broker 2 (replicas, our client)", () => Ask(kafkaGate, HealthGateQuestion.IsDrained, NodeKey.Broker(2)));
await Measure("Kafka gate: active controller (DescribeQuorum)", async () => $"{await kafkaGate.ActiveControllerAsync(cluster, desired, CancellationToken.None)}");
await Measure("checks: restart broker 2 (ISR, Confluent.Kafka)", async () => (await confluent.MayRestartBrokerAsync(2)).ToString());
await Measure("checks: metadata.version raise, already finalized", async () =>
    (await confluent.RaiseMetadataVersionAsync(MetadataVersion.V4_0_IV3.Level)).ToString());
return 0;
