using Actors.Emulator.Storage;

namespace Actors.Emulator.Faults;

/// <summary>
/// Faults tests inject into the emulator: fail the next N matching requests with a status code,
/// slow requests down, drop every open watch (or those of one namespace), or compact the event history so watches get 410 Gone.
/// </summary>
public sealed class FaultInjector
{
    readonly object gate = new();
    readonly List<FaultRule> failures = new();
    readonly List<LatencyRule> latencies = new();
    readonly ObjectStore store;

    internal FaultInjector(ObjectStore store) => this.store = store;

    /// <summary>The next <paramref name="count"/> requests matching <paramref name="match"/> fail with <paramref name="statusCode"/>.</summary>
    public FaultRule FailNext(int count, int statusCode, RequestMatch? match = null, string? message = null)
    {
        var rule = new FaultRule(match ?? new RequestMatch(), count, statusCode, message);
        lock (gate) failures.Add(rule);
        return rule;
    }

    /// <summary>Every request matching <paramref name="match"/> waits <paramref name="delay"/> first.</summary>
    public LatencyRule AddLatency(TimeSpan delay, RequestMatch? match = null)
    {
        var rule = new LatencyRule(match ?? new RequestMatch(), delay);
        lock (gate) latencies.Add(rule);
        return rule;
    }

    /// <summary>Ends every open watch stream, as an API server restart or a load balancer would.</summary>
    public void CloseAllWatches() => store.CloseAllWatches();

    /// <summary>Ends the open watch streams of one namespace only; watches of other namespaces, or of all, go on.</summary>
    public void CloseWatches(string @namespace) => store.CloseWatches(@namespace);

    /// <summary>Compacts the whole event history: any watch resuming from an older resourceVersion gets 410 Gone.</summary>
    public void ExpireHistory() => store.ExpireHistory();

    public void Clear()
    {
        lock (gate) { failures.Clear(); latencies.Clear(); }
    }

    public IReadOnlyList<FaultRule> PendingFailures { get { lock (gate) return failures.ToList(); } }

    /// <summary>Takes one failure for this request, if one matches.</summary>
    internal FaultRule? TakeFailure(string verb, string? resource, string? ns, string? name, string? subresource)
    {
        lock (gate)
        {
            var rule = failures.FirstOrDefault(f => f.Remaining > 0 && f.Match.Matches(verb, resource, ns, name, subresource));
            if (rule is null) return null;
            if (--rule.Remaining == 0) failures.Remove(rule);
            return rule;
        }
    }

    internal TimeSpan LatencyFor(string verb, string? resource, string? ns, string? name, string? subresource)
    {
        var total = TimeSpan.Zero;
        lock (gate)
            foreach (var rule in latencies.Where(l => l.Match.Matches(verb, resource, ns, name, subresource)))
            {
                rule.Hold();
                total += rule.Delay;
            }
        return total;
    }
}
