namespace Actors.OperatorCluster.Bench;

/// <summary>
/// The API traffic of each replica over a window at rest: its own count of requests
/// (<c>rest_client_requests_total</c> on its /metrics, by method: everything the process sent,
/// membership included) and, from the emulator's audit log, the writes: the membership ConfigMap's
/// heartbeats attributed to their silo, its other changes, and every other write by the operator.
/// </summary>
public static class RestTraffic
{
    public static async Task<IReadOnlyList<string>> MeasureAsync(ReplicaWorld world, TimeSpan window)
    {
        var replicas = world.Alive;
        var before = new Dictionary<Replica, IReadOnlyDictionary<string, long>>();
        foreach (var replica in replicas) before[replica] = await replica.RequestsAsync(world.Http);
        var mark = world.AuditMark();
        await Task.Delay(window);
        var records = world.Emulator.Audit.Records;
        var lines = new List<string>();
        var (heartbeats, changes) = MembershipWrites.Of(records, mark);
        foreach (var replica in replicas)
        {
            var after = await replica.RequestsAsync(world.Http);
            var delta = after.Select(m => (Method: m.Key, Count: m.Value - before[replica].GetValueOrDefault(m.Key))).Where(m => m.Count > 0).OrderBy(m => m.Method);
            var total = delta.Sum(m => m.Count);
            lines.Add($"{replica.Name,-10} requests {total,4} ({string.Join(", ", delta.Select(m => $"{m.Method} {m.Count}"))}); " +
                      $"membership heartbeats (ConfigMap PUTs) {heartbeats.GetValueOrDefault(replica.Name)}");
        }
        var others = records.Where(r => r.Sequence > mark && RollAudit.IsOperators(r) && r.Name != ReplicaWorld.MembershipConfigMap)
            .GroupBy(r => $"{r.Verb} {r.Resource}{(r.Subresource is null ? "" : "/" + r.Subresource)}").Select(g => $"{g.Key} {g.Count()}").ToList();
        var kubelet = records.Count(r => r.Sequence > mark && !RollAudit.IsOperators(r));
        lines.Add($"membership changes (versioned writes) {changes}; other operator writes {others.Count switch { 0 => "none", _ => string.Join(", ", others) }}; " +
                  $"writes by others (kubelet) {kubelet}");
        return lines;
    }
}
