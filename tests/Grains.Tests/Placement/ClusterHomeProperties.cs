using Actors.Grains.Placement;
using FsCheck;
using FsCheck.Fluent;

namespace Actors.Grains.Tests.Placement;

/// <summary>
/// The home choice over random sets of replicas (loopback and pod addresses, 1 to 7 of them): one
/// answer whatever the order, an even spread, and when a replica joins or leaves only the clusters
/// whose home it becomes or was move.
/// </summary>
public class ClusterHomeProperties
{
    private const int Runs = 200;

    /// <summary>Enough clusters that a fair share is hundreds, so ±25 % is many standard deviations wide.</summary>
    private static readonly string[] Clusters = [.. Enumerable.Range(0, 3000).Select(i => $"kafka-{i % 7}/c{i:0000}")];

    private static readonly Gen<string> Replica =
        from octet in Gen.Choose(1, 254)
        from port in Gen.Elements(11111, 11112, 30000, 40000 + octet)
        select $"10.0.{octet % 3}.{octet}:{port}";

    private static readonly Arbitrary<string[]> Replicas =
        Gen.Choose(1, 7).SelectMany(n => Gen.ArrayOf(Replica, n)).Select(r => r.Distinct().ToArray()).ToArbitrary();

    private static string Home(string cluster, IReadOnlyCollection<string> replicas) => ClusterHome.Choose(cluster, replicas, r => r);

    [SeededProperty(MaxTest = Runs)]
    public Property Every_replica_names_the_same_home_whatever_order_it_lists_the_replicas_in() =>
        Prop.ForAll(Replicas, replicas =>
            Clusters.Take(300).All(c => Home(c, replicas) == Home(c, [.. replicas.Reverse()]) && Home(c, replicas) == Home(c, [.. replicas.Order()])));

    [SeededProperty(MaxTest = 50)]
    public Property Clusters_spread_evenly_over_the_replicas() =>
        Prop.ForAll(Replicas, replicas =>
        {
            var share = (double)Clusters.Length / replicas.Length;
            var counts = Clusters.GroupBy(c => Home(c, replicas)).ToDictionary(g => g.Key, g => g.Count());
            return replicas.All(r => counts.GetValueOrDefault(r) is var n && n > share * 0.75 && n < share * 1.25)
                .Label(string.Join(", ", replicas.Select(r => $"{r} {counts.GetValueOrDefault(r)}")));
        });

    [SeededProperty(MaxTest = Runs)]
    public Property A_joining_replica_takes_clusters_only_for_itself_and_no_others_move() =>
        Prop.ForAll(Replicas, Replica.ToArbitrary(), (replicas, joining) =>
        {
            if (replicas.Contains(joining)) return true.ToProperty();
            string[] after = [.. replicas, joining];
            var moved = Clusters.Where(c => Home(c, replicas) != Home(c, after)).ToList();
            return moved.All(c => Home(c, after) == joining).Label("a cluster moved between replicas that stayed");
        });

    [SeededProperty(MaxTest = Runs)]
    public Property Only_a_leaving_replicas_clusters_move() =>
        Prop.ForAll(Replicas, replicas =>
        {
            if (replicas.Length < 2) return true.ToProperty();
            var leaving = replicas[0];
            string[] after = [.. replicas.Skip(1)];
            return Clusters.All(c => Home(c, replicas) == leaving || Home(c, replicas) == Home(c, after))
                .Label("a cluster of a replica that stayed moved");
        });
}
