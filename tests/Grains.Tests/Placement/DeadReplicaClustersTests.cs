using Actors.Grains.Placement;
using Xunit.Abstractions;

namespace Actors.Grains.Tests.Placement;

public class DeadReplicaClustersTests(ITestOutputHelper output)
{
    private const string A = "10.0.0.1:11111", B = "10.0.0.2:11111", C = "10.0.0.3:11111", D = "10.0.0.4:11111";
    private static readonly string[] Three = [A, B, C];

    /// <summary>The scenario of the operator-cluster test: demo and c00..c28 in one namespace.</summary>
    private static readonly string[] Thirty = [.. Enumerable.Range(0, 29).Select(i => $"kafka/c{i:00}").Append("kafka/demo")];

    private static string Home(string cluster, IReadOnlyCollection<string> replicas) => ClusterHome.Choose(cluster, replicas, r => r);

    private static IReadOnlyList<string> HomedOn(string replica, IReadOnlyCollection<string> replicas, IEnumerable<string>? clusters = null) =>
        [.. (clusters ?? Thirty).Where(c => Home(c, replicas) == replica)];

    [Fact]
    public void A_dead_replica_wakes_exactly_the_clusters_whose_home_it_was()
    {
        var woken = DeadReplicaClusters.ToWake(Thirty, [Three], [C]);

        Assert.Equal(HomedOn(C, Three), woken);
        Assert.InRange(woken.Count, 7, 13);
        // Each survivor wakes them: 2 x 30 wake calls when every cluster was woken, now 2 x this.
        output.WriteLine($"30 clusters over 3 replicas, one dies: {woken.Count} wakes per survivor ({2 * woken.Count} in all), was 30 ({2 * Thirty.Length})");
    }

    [Fact]
    public void Replicas_dying_in_one_membership_update_wake_the_clusters_of_each()
    {
        var four = new[] { A, B, C, D };

        var woken = DeadReplicaClusters.ToWake(Thirty, [four], [B, D]);

        Assert.Equal(Thirty.Where(c => Home(c, four) is B or D), woken);
        Assert.DoesNotContain(woken, c => Home(c, four) is A or C);
    }

    [Fact]
    public void No_replica_that_hosted_grains_died_wakes_nothing() =>
        Assert.Empty(DeadReplicaClusters.ToWake(Thirty, [Three], []));

    [Fact]
    public void A_replica_that_left_the_Active_set_before_it_died_still_has_its_clusters_woken()
    {
        // A graceful stop: shutting down, A is no longer Active, but its grains stay until it stops.
        var woken = DeadReplicaClusters.ToWake(Thirty, [new[] { B, C }], [A]);

        Assert.Equal(HomedOn(A, Three), woken);
    }

    [Fact]
    public void Clusters_not_yet_handed_over_to_a_replica_that_joined_lately_are_woken_with_the_dead_replicas_own()
    {
        // D joined a moment before A died: the handover waits for the set to settle, so the clusters
        // whose home became D may still have been on A.
        var four = new[] { A, B, C, D };
        var stranded = Thirty.Where(c => Home(c, Three) == A && Home(c, four) == D).ToList();
        Assert.NotEmpty(stranded);

        var woken = DeadReplicaClusters.ToWake(Thirty, [Three, four], [A]);

        Assert.Equal(Thirty.Where(c => Home(c, Three) == A || Home(c, four) == A), woken);
        Assert.Subset(woken.ToHashSet(), stranded.ToHashSet());
        Assert.DoesNotContain(woken, c => Home(c, Three) != A && Home(c, four) != A);
    }

    [Fact]
    public void A_set_from_before_the_dead_replica_joined_wakes_nothing_more()
    {
        // This replica was alone, then A and B joined, then C; C dies: only its share over {A, B, C}
        // (the three-process test's start: a survivor that had seen itself alone woke 15 of 30, not 9).
        var woken = DeadReplicaClusters.ToWake(Thirty, [new[] { A }, new[] { A, B }, Three], [C]);

        Assert.Equal(HomedOn(C, Three), woken);
    }

    [Fact]
    public void A_dead_replica_in_no_recent_set_is_added_to_each()
    {
        // Active more than a minute ago, then shutting down until it died.
        var woken = DeadReplicaClusters.ToWake(Thirty, [new[] { A, B }], [C]);

        Assert.Equal(HomedOn(C, Three), woken);
    }

    [SeededProperty(MaxTest = 200)]
    public bool Every_cluster_whose_home_in_a_recent_set_is_dead_is_woken_and_no_cluster_homed_only_on_survivors(byte seed)
    {
        var random = new Random(seed);
        var replicas = Enumerable.Range(1, 6).Select(i => $"10.0.0.{i}:11111").ToArray();
        IReadOnlyCollection<string> Pick() => [.. replicas.Where(_ => random.Next(2) == 0).DefaultIfEmpty(replicas[0])];
        var sets = Enumerable.Range(0, 1 + random.Next(3)).Select(_ => Pick()).ToList();
        var dead = sets.SelectMany(s => s).Distinct().Where(_ => random.Next(3) == 0).ToList();

        var woken = DeadReplicaClusters.ToWake(Thirty, sets, dead).ToHashSet();

        var lost = Thirty.Where(c => sets.Any(s => dead.Contains(Home(c, s))));
        var homedOnlyOnSurvivors = Thirty.Where(c => sets.All(s => !dead.Contains(Home(c, [.. s.Union(dead)]))));
        return lost.All(woken.Contains) && !homedOnlyOnSurvivors.Any(woken.Contains);
    }
}
