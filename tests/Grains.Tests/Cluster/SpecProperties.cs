using Actors.Contracts.Kafka;
using Actors.Grains.Cluster;
using Actors.Grains.Identity;
using Actors.Grains.Manifests;
using Actors.Grains.Rendering;
using FsCheck;
using FsCheck.Fluent;

namespace Actors.Grains.Tests.Cluster;

/// <summary>
/// Specs as careless users write them: fields left out, odd numbers, junk strings. Validation must
/// never throw (it runs on every event), and whatever it accepts must plan and render.
/// </summary>
public class SpecProperties
{
    private const int Runs = 1000;

    private static Gen<T?> Maybe<T>(Gen<T> gen) where T : class => Gen.Frequency((1, Gen.Constant<T?>(null)), (4, gen.Select(v => (T?)v)));

    private static Gen<int?> MaybeInt(int low, int high) =>
        Gen.Frequency((1, Gen.Constant<int?>(null)), (4, Gen.Choose(low, high).Select(v => (int?)v)));

    private static readonly Gen<string> Words = Gen.Elements("", " ", "3.9.0", "4.0.1", "2.8.0", "3.9", "10Gi", "0", "-1Gi", "1e3", "fast", "Fast SSD",
        "node.id", "log.dirs", "num.partitions", "Retain", "Delete", "Keep", "OrderedReady", "Parallel", "plain", "controller", "Exists", "Equal", "NoSchedule");

    private static readonly Gen<Dictionary<string, string>> Map =
        Gen.ListOf(Gen.Zip(Words, Words), 3).Select(pairs => pairs.DistinctBy(p => p.Item1).ToDictionary(p => p.Item1, p => p.Item2));

    private static readonly Gen<NodePoolSpec> Pool =
        from replicas in MaybeInt(-1, 12)
        from size in Maybe(Gen.Elements("100Gi", "10Gi", "0", "lots", "", "1.5Ti", "500M"))
        from storageClass in Maybe(Gen.Elements("fast", "Fast SSD", "standard"))
        from config in Maybe(Map)
        from selector in Maybe(Map)
        from requests in Maybe(Map)
        from toleration in Maybe(from key in Words from op in Maybe(Words) from effect in Maybe(Words) from seconds in Gen.Elements<long?>(null, 30)
                                 select new TolerationSpec { Key = key, Operator = op, Effect = effect, TolerationSeconds = seconds })
        from rack in Maybe(Maybe(Gen.Elements("topology.kubernetes.io/zone", "")).Select(k => new RackSpec { TopologyKey = k }))
        select new NodePoolSpec
        {
            Replicas = replicas,
            Storage = new StorageSpec { Size = size, StorageClassName = storageClass },
            Config = config,
            NodeSelector = selector,
            Resources = new ResourcesSpec { Requests = requests },
            Tolerations = toleration is null ? null : [toleration],
            Rack = rack,
        };

    private static readonly Gen<KafkaClusterSpec> Spec =
        from version in Maybe(Gen.Elements("3.9.0", "4.0.1", "3.7.0", "2.8.0", "3.9", "latest", ""))
        from image in Maybe(Gen.Elements("apache/kafka:3.9.0", "my registry/kafka", ""))
        from brokers in Maybe(Pool)
        from controllers in Maybe(Pool)
        from listeners in Maybe(Gen.ListOf(
            from name in Maybe(Gen.Elements("plain", "apps", "controller", "Bad Name", ""))
            from port in MaybeInt(0, 70000)
            from tls in Gen.Elements<bool?>(null, false, true)
            select new ListenerSpec { Name = name, Port = port, Tls = tls }, 3).Select(l => l.ToList()))
        from maxUnavailable in MaybeInt(-1, 4)
        from policy in Maybe(Words)
        from minReady in MaybeInt(-5, 5000)
        from retention in Maybe(Words)
        select new KafkaClusterSpec
        {
            Version = version,
            Image = image,
            Brokers = brokers,
            Controllers = controllers,
            Listeners = listeners,
            Rollout = new RolloutSpec { MaxUnavailable = maxUnavailable, PodManagementPolicy = policy, MinReadySeconds = minReady },
            PersistentVolumeClaimRetentionPolicy = new PvcRetentionPolicySpec { WhenDeleted = retention, WhenScaled = retention },
        };

    /// <summary>Specs a careful user writes: every value within its documented range.</summary>
    private static readonly Gen<KafkaClusterSpec> Plausible =
        from version in Gen.Elements(KafkaVersions.Supported.ToArray())
        from brokers in Gen.Choose(1, 12)
        from controllers in Gen.Elements(1, 3, 5, 7, 9)
        from size in Gen.Elements("1Gi", "100Gi", "1.5Ti", "500G", "1e12")
        from storageClass in Gen.Elements<string?>(null, "fast", "gp3-encrypted")
        from config in Gen.ListOf(Gen.Zip(Gen.Elements("num.partitions", "log.retention.hours", "auto.create.topics.enable", "min.insync.replicas"),
            Gen.Elements("1", "24", "false")), 3).Select(p => p.DistinctBy(x => x.Item1).ToDictionary(x => x.Item1, x => x.Item2))
        from listeners in Gen.Choose(0, 3)
        from maxUnavailable in Gen.Choose(1, 3)
        from policy in Gen.Elements(KafkaSpecValues.OrderedReady, KafkaSpecValues.Parallel)
        from minReady in Gen.Choose(0, 600)
        from rack in Gen.Elements<string?>(null, "topology.kubernetes.io/zone")
        select new KafkaClusterSpec
        {
            Version = version,
            Brokers = new NodePoolSpec
            {
                Replicas = brokers,
                Storage = new StorageSpec { Size = size, StorageClassName = storageClass },
                Config = config,
                Rack = rack is null ? null : new RackSpec { TopologyKey = rack },
                Resources = new ResourcesSpec { Requests = new() { ["cpu"] = "500m", ["memory"] = "2Gi" } },
            },
            Controllers = new NodePoolSpec { Replicas = controllers, Storage = new StorageSpec { Size = "10Gi" } },
            Listeners = listeners == 0 ? null : Enumerable.Range(0, listeners).Select(i => new ListenerSpec { Name = $"l{i}", Port = 19092 + i }).ToList(),
            Rollout = new RolloutSpec { MaxUnavailable = maxUnavailable, PodManagementPolicy = policy, MinReadySeconds = minReady },
        };

    [SeededProperty(MaxTest = Runs)]
    public Property Every_plausible_spec_is_accepted_planned_and_rendered() =>
        Prop.ForAll(Arb.From(Plausible), spec =>
        {
            Assert.Empty(SpecValidator.Validate("demo", spec, applied: null));
            var cluster = new ClusterIdentity("kafka", "demo");
            var plan = ClusterPlan.From(cluster, spec, KafkaClusterId.New());
            var ids = plan.Templates.Values.Select(t => t.Properties["node.id"]).ToArray();
            Assert.Equal(ids.Length, ids.Distinct().Count());
            Assert.Equal(spec.Brokers!.Replicas + spec.Controllers!.Replicas, plan.Templates.Count);
            Assert.All(plan.Templates.Values, t => Assert.Equal(
                KafkaNodeConfig.QuorumVoters(cluster, spec.Controllers.Replicas!.Value), t.Properties["controller.quorum.voters"]));
        });

    [SeededProperty(MaxTest = Runs)]
    public Property Validation_never_throws_and_whatever_it_accepts_plans_and_renders() =>
        Prop.ForAll(Arb.From(Spec), spec =>
        {
            var cluster = new ClusterIdentity("kafka", "demo");
            var errors = SpecValidator.Validate(cluster.Name, spec, applied: null);
            Assert.All(errors, e => Assert.StartsWith("spec", e.Field));
            if (errors.Count > 0) return;

            var plan = ClusterPlan.From(cluster, spec, KafkaClusterId.New());
            Assert.Equal(spec.Brokers!.Replicas!.Value + spec.Controllers!.Replicas!.Value, plan.Templates.Count);
            var owner = new ClusterOwner("demo", "uid");
            foreach (var template in plan.Templates.Values)
            {
                Assert.Equal(template.Identity.NodeId.ToString(System.Globalization.CultureInfo.InvariantCulture), template.Properties["node.id"]);
                Assert.Equal(template.Revision, NodePod.RevisionOf(NodePod.Render(template, owner)));
            }

            ClusterServices.Headless(cluster, spec, owner);
            ClusterServices.Bootstrap(cluster, spec, owner);
        });

    [SeededProperty(MaxTest = Runs)]
    public Property Operator_owned_keys_are_refused_wherever_they_appear() =>
        Prop.ForAll(Arb.From(Gen.Elements(KafkaNodeConfig.OperatorOwnedKeys.ToArray()).Zip(Gen.Elements(true, false))), pick =>
        {
            var (key, onBrokers) = pick;
            var spec = Specs.Valid();
            spec = onBrokers
                ? spec with { Brokers = spec.Brokers! with { Config = new() { [key] = "x" } } }
                : spec with { Controllers = spec.Controllers! with { Config = new() { [key] = "x" } } };
            var error = Assert.Single(SpecValidator.Validate("demo", spec));
            Assert.Equal($"spec.{(onBrokers ? "brokers" : "controllers")}.config[\"{key}\"]", error.Field);
        });

    [SeededProperty(MaxTest = Runs)]
    public Property The_revision_ignores_the_order_maps_were_written_in() =>
        Prop.ForAll(Arb.From(Gen.Zip(Map, Map)), maps =>
        {
            var (config, selector) = maps;
            config.Remove("node.id");
            config.Remove("log.dirs");
            var spec = Specs.Valid();
            var forwards = spec with { Brokers = spec.Brokers! with { Config = config, NodeSelector = selector } };
            var backwards = spec with
            {
                Brokers = spec.Brokers! with
                {
                    Config = config.Reverse().ToDictionary(),
                    NodeSelector = selector.Reverse().ToDictionary(),
                },
            };
            var cluster = new ClusterIdentity("kafka", "demo");
            Assert.Equal(
                ClusterPlan.From(cluster, forwards, "id").Desired.Revisions,
                ClusterPlan.From(cluster, backwards, "id").Desired.Revisions);
        });
}
