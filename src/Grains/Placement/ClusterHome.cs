using System.Text;

namespace Actors.Grains.Placement;

/// <summary>
/// Which replica is a KafkaCluster's home: the one with the highest weight for the pair (cluster,
/// replica), the weight a stable hash of both (rendezvous, or highest-random-weight, hashing). A pure
/// function of the cluster's key and the set of replicas, so every replica that sees the same Active
/// set names the same home without asking anyone; the clusters spread evenly; and when a replica
/// joins or leaves, only the clusters whose home it becomes or was move (about 1/N of them), every
/// other cluster keeps its home.
/// </summary>
public static class ClusterHome
{
    /// <summary>The home of <paramref name="clusterKey"/> among <paramref name="replicas"/>, each named by <paramref name="nameOf"/>.</summary>
    /// <exception cref="ArgumentException">No replica to choose from.</exception>
    public static T Choose<T>(string clusterKey, IReadOnlyCollection<T> replicas, Func<T, string> nameOf)
    {
        if (replicas.Count == 0) throw new ArgumentException($"No replica to place cluster {clusterKey} on", nameof(replicas));
        var best = default(T)!;
        string? bestName = null;
        var bestWeight = 0UL;
        foreach (var replica in replicas)
        {
            var name = nameOf(replica);
            var weight = Weight(clusterKey, name);
            // Equal weights (a 64-bit collision, or one replica listed twice) fall to the smaller name: still one answer everywhere.
            if (bestName is null || weight > bestWeight || (weight == bestWeight && string.CompareOrdinal(name, bestName) < 0))
                (best, bestName, bestWeight) = (replica, name, weight);
        }
        return best;
    }

    /// <summary>
    /// The cluster a grain belongs to, from its key: <c>namespace/name</c> for the cluster and
    /// coordinator grains, <c>namespace/name/role-n</c> for a node grain. Neither a namespace nor a
    /// name can hold a slash.
    /// </summary>
    public static string ClusterKeyOf(string grainKey)
    {
        var first = grainKey.IndexOf('/');
        var second = first < 0 ? -1 : grainKey.IndexOf('/', first + 1);
        return second < 0 ? grainKey : grainKey[..second];
    }

    /// <summary>
    /// A 64-bit weight every process computes alike (string.GetHashCode is randomised per process):
    /// FNV-1a over both names with a separator, then a finaliser that spreads FNV's weak low bits.
    /// </summary>
    public static ulong Weight(string clusterKey, string replica)
    {
        var hash = 14695981039346656037UL;
        hash = Mix(hash, clusterKey);
        hash = (hash ^ 0xFF) * 1099511628211UL; // not a UTF-8 byte: "a"+"bc" and "ab"+"c" differ
        hash = Mix(hash, replica);
        hash ^= hash >> 33;
        hash *= 0xFF51AFD7ED558CCDUL;
        hash ^= hash >> 33;
        hash *= 0xC4CEB9FE1A85EC53UL;
        hash ^= hash >> 33;
        return hash;

        static ulong Mix(ulong hash, string text)
        {
            Span<byte> buffer = stackalloc byte[256];
            var bytes = Encoding.UTF8.GetMaxByteCount(text.Length) <= buffer.Length ? buffer[..Encoding.UTF8.GetBytes(text, buffer)] : Encoding.UTF8.GetBytes(text);
            foreach (var b in bytes) hash = (hash ^ b) * 1099511628211UL;
            return hash;
        }
    }
}
