using Actors.Kubernetes;

namespace Actors.Emulator.Kubelet;

/// <summary>The scheduler's part, simulated: the live node running the fewest pods, the first such by name order.</summary>
public static class NodePlacement
{
    public static string? Choose(IReadOnlyList<string> nodes, IEnumerable<Pod> pods, ISet<string> lost)
    {
        var load = nodes.ToDictionary(n => n, _ => 0, StringComparer.Ordinal);
        foreach (var pod in pods)
            if (pod.Spec?.NodeName is { } node && load.ContainsKey(node) && pod.Status?.Phase is not ("Succeeded" or "Failed"))
                load[node]++;
        return nodes.Where(n => !lost.Contains(n)).OrderBy(n => load[n]).ThenBy(nodes.IndexOf).FirstOrDefault();
    }

    static int IndexOf(this IReadOnlyList<string> list, string item)
    {
        for (var i = 0; i < list.Count; i++) if (list[i] == item) return i;
        return -1;
    }
}
