using Actors.Emulator.Audit;

namespace Actors.Operator.Bench;

/// <summary>
/// Splits start-up waiting between the two loops from the audit log alone: how long a created pod
/// waited for the kubelet's first write to it, and how long the operator took to create a
/// cluster's next pod after the last pod status write of that cluster.
/// </summary>
public static class StartUpLags
{
    public static (IReadOnlyList<TimeSpan> Kubelet, IReadOnlyList<TimeSpan> Operator) Of(IReadOnlyList<AuditRecord> records, IReadOnlyList<string> clusters)
    {
        var pods = records.Where(r => r.Resource == "pods").ToList();
        var kubelet = new List<TimeSpan>();
        var @operator = new List<TimeSpan>();
        foreach (var cluster in clusters)
        {
            var mine = pods.Where(r => r.Name.StartsWith(cluster + "-", StringComparison.Ordinal)).ToList();
            var creates = mine.Where(r => r.Verb == "create" && r.Subresource is null).ToList();
            foreach (var create in creates)
            {
                if (mine.FirstOrDefault(r => r.Sequence > create.Sequence && r.Name == create.Name && r.Subresource is "binding" or "status") is { } first)
                    kubelet.Add(first.Time - create.Time);
                if (create != creates[0] && mine.LastOrDefault(r => r.Sequence < create.Sequence && r.Subresource == "status") is { } last)
                    @operator.Add(create.Time - last.Time);
            }
        }
        return (kubelet, @operator);
    }
}
