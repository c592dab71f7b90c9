using Actors.Contracts.Kafka;
using Actors.Grains.Cluster;
using Actors.Grains.Identity;
using Actors.Grains.Manifests;

namespace Actors.Grains.Tests.Manifests;

/// <summary>A valid cluster's plan and owner, as the cluster grain would render from.</summary>
internal static class Rendered
{
    public static readonly ClusterIdentity Cluster = new("kafka", "demo");
    public static readonly ClusterOwner Owner = new("demo", "5f1c0d2e-0000-4000-8000-000000000001");
    public const string ClusterId = "MkU3OEVBNTcwNTJENDM2Qk";

    public static ClusterPlan Plan(KafkaClusterSpec? spec = null) => ClusterPlan.From(Cluster, spec ?? Specs.Valid(), ClusterId);
}
