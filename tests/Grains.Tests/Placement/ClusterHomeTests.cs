using System.Net;
using Actors.Grains.Placement;

namespace Actors.Grains.Tests.Placement;

public class ClusterHomeTests
{
    private static readonly string[] Three = ["10.0.0.1:11111", "10.0.0.2:11111", "10.0.0.3:11111"];

    /// <summary>The scenario of the operator-cluster test: demo and c00..c28 in one namespace.</summary>
    private static readonly string[] Thirty = [.. Enumerable.Range(0, 29).Select(i => $"kafka/c{i:00}").Append("kafka/demo")];

    [Theory]
    [InlineData("kafka/demo", "kafka/demo")]
    [InlineData("kafka/demo/broker-2", "kafka/demo")]
    [InlineData("kafka/demo/controller-0", "kafka/demo")]
    [InlineData("demo", "demo")]
    public void A_grain_belongs_to_the_cluster_its_key_starts_with(string grainKey, string cluster) =>
        Assert.Equal(cluster, ClusterHome.ClusterKeyOf(grainKey));

    [Fact]
    public void A_clusters_cluster_grain_coordinator_and_nodes_share_one_home()
    {
        var homes = new[] { "kafka/demo", "kafka/demo/controller-0", "kafka/demo/broker-5" }
            .Select(key => ClusterHome.Choose(ClusterHome.ClusterKeyOf(key), Three, r => r));
        Assert.Single(homes.Distinct());
    }

    [Fact]
    public void The_weight_is_the_same_in_every_process_and_build() =>
        // Pinned: a hash that varied per process (string.GetHashCode) or changed between versions
        // would part a cluster's grains while replicas of two builds run side by side.
        Assert.Equal(9797716380999304078UL, ClusterHome.Weight("kafka/demo", "10.0.0.1:11111"));

    [Fact]
    public void Thirty_clusters_over_three_replicas_land_no_fewer_than_seven_on_any()
    {
        var counts = Thirty.GroupBy(c => ClusterHome.Choose(c, Three, r => r)).Select(g => g.Count()).ToList();
        Assert.Equal(3, counts.Count);
        Assert.All(counts, n => Assert.InRange(n, 7, 13));
    }

    [Fact]
    public void No_replica_to_choose_from_is_an_error_that_names_the_cluster()
    {
        var error = Assert.Throws<ArgumentException>(() => ClusterHome.Choose<string>("kafka/demo", [], r => r));
        Assert.Contains("kafka/demo", error.Message);
    }

    [Fact]
    public void A_replica_is_named_by_its_endpoint_so_a_restart_at_the_same_address_keeps_its_clusters()
    {
        var endpoint = new IPEndPoint(IPAddress.Parse("10.0.0.1"), 11111);
        Assert.Equal(ClusterHomeDirector.ReplicaName(SiloAddress.New(endpoint, 1)), ClusterHomeDirector.ReplicaName(SiloAddress.New(endpoint, 2)));
    }

    [Fact]
    public void Handover_moves_exactly_the_grains_whose_home_is_another_replica()
    {
        var silos = Three.Select(s => SiloAddress.New(IPEndPoint.Parse(s), 1)).ToList();
        var here = silos[0];
        var grains = Thirty.SelectMany(c => new[]
        {
            GrainId.Create("kafkacluster", c), GrainId.Create("coordinator", c), GrainId.Create("node", $"{c}/broker-0"),
        }).ToList();

        var strays = ClusterHandover.Strays(grains, silos, here);

        var expected = grains.Where(g => ClusterHome.Choose(ClusterHome.ClusterKeyOf(g.Key.ToString()!), Three, r => r) != Three[0]).ToList();
        Assert.Equal(expected, strays);
        Assert.NotEmpty(strays);
        Assert.Empty(ClusterHandover.Strays(grains, [here], here)); // alone, every grain is home
    }
}
