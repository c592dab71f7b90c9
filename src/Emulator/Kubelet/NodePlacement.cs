namespace Actors.Emulator.Kubelet;

/// <summary>The scheduler's part, simulated: the live node running the fewest pods, the first such in node order.</summary>
public static class NodePlacement
{
    /// <param name="nodes">The simulated nodes, in order.</param>
    /// <param name="placed">The node of every live pod already placed (one entry per pod).</param>
    /// <param name="lost">Nodes that are not ready: nothing new goes there.</param>
    public static string? Choose(IReadOnlyList<string> nodes, IEnumerable<string> placed, ISet<string> lost)
    {
        var load = nodes.ToDictionary(n => n, _ => 0, StringComparer.Ordinal);
        foreach (var node in placed)
            if (load.ContainsKey(node)) load[node]++;
        string? best = null;
        foreach (var node in nodes)
            if (!lost.Contains(node) && (best is null || load[node] < load[best])) best = node;
        return best;
    }
}
