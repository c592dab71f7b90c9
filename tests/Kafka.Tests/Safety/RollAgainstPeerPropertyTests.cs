using Actors.Kafka.Peer.Model;
using Actors.Kafka.Safety;
using Actors.Kafka.Tests.Peer;
using FsCheck;
using FsCheck.Fluent;
using Microsoft.Extensions.Time.Testing;

namespace Actors.Kafka.Tests.Safety;

// A roll that restarts a broker only when the gate is open, interleaved with any sequence of
// crashes, recoveries, ISR changes and time passing on the peer's model: no gated restart ever
// takes a partition the broker hosts below its min ISR.
public class RollAgainstPeerPropertyTests
{
    private enum Act { GatedRestart, Crash, Ready, Advance, ShrinkIsr }

    private sealed record Step(Act Act, int Broker, int Seconds);

    private static readonly Gen<Step> Steps =
        from act in Gen.Elements(Enum.GetValues<Act>())
        from broker in Gen.Choose(3, 5)
        from seconds in Gen.Choose(0, 40)
        select new Step(act, broker, seconds);

    [SeededProperty]
    public Property A_gated_restart_never_takes_a_hosted_partition_below_min_isr() =>
        Prop.ForAll(Gen.ListOf(Steps).ToArbitrary(), Gen.Choose(1, 3).ToArbitrary(), (steps, brokerMinIsr) =>
        {
            var time = new FakeTimeProvider(TestTime.Start);
            var model = SampleCluster.Model(time);
            model.SetBrokerConfig(TopicConfigCatalog.MinInSyncReplicas, brokerMinIsr.ToString());
            foreach (var step in steps)
            {
                var state = model.State;
                var broker = state.RequireBroker(step.Broker);
                switch (step.Act)
                {
                    case Act.GatedRestart when broker.IsUp:
                        if (!BrokerRestartGate.Decide(PeerPartitions.Of(state), step.Broker).IsOpen)
                            break;
                        model.BrokerDown(step.Broker);
                        var hosted = PeerPartitions.Of(model.State).Where(p => p.Replicas.Contains(step.Broker));
                        if (hosted.Any(p => p.IsUnderMinIsr))
                            return false;
                        model.BrokerReady(step.Broker, TimeSpan.FromSeconds(step.Seconds));
                        break;
                    case Act.Crash:
                        model.BrokerDown(step.Broker);
                        break;
                    case Act.Ready:
                        model.BrokerReady(step.Broker, TimeSpan.FromSeconds(step.Seconds));
                        break;
                    case Act.Advance:
                        time.Advance(TimeSpan.FromSeconds(step.Seconds));
                        break;
                    case Act.ShrinkIsr:
                        var partition = state.RequireTopic("orders").Partition(step.Seconds % 3);
                        if (partition.Isr.Count > 1)
                            model.SetIsr("orders", partition.Index, [.. partition.Isr.Where(id => id != step.Broker)]);
                        break;
                }
            }
            return true;
        });
}
