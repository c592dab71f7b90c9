namespace Actors.Silo.Dashboard;

/// <summary>
/// Aggregates the grains' measurements per grain type and method: activations as a running
/// sum of Orleans' up-down counter's deltas (kept per source, so a silo that is torn down —
/// when this replica stops — takes its activations with it), calls, errors and latency in a <see cref="GrainCallWindow"/>. Fed by
/// <see cref="RuntimeStatisticsListener"/>; thread-safe; time comes from the given clock.
/// </summary>
public sealed class RuntimeStatistics(TimeProvider time, int windowSeconds = RuntimeStatistics.DefaultWindowSeconds)
{
    public const int DefaultWindowSeconds = 30;

    private readonly Lock gate = new();
    private readonly DateTimeOffset started = time.GetUtcNow();
    private readonly Dictionary<(object Source, string GrainType), long> activations = [];
    private readonly Dictionary<(string GrainType, string Method), GrainCallWindow> methods = [];

    public int WindowSeconds { get; } = windowSeconds;

    public void RecordActivations(object source, string grainType, long delta)
    {
        lock (gate)
        {
            activations[(source, grainType)] = activations.GetValueOrDefault((source, grainType)) + delta;
        }
    }

    /// <summary>Forgets what a silo that no longer exists contributed.</summary>
    public void ForgetSource(object source)
    {
        lock (gate)
        {
            foreach (var key in activations.Keys.Where(k => ReferenceEquals(k.Source, source)).ToList()) activations.Remove(key);
        }
    }

    public void RecordCall(string grainType, string method, bool failed)
    {
        var second = Now();
        lock (gate)
        {
            WindowOf(grainType, method).RecordCall(second, failed);
        }
    }

    public void RecordDuration(string grainType, string method, double seconds)
    {
        var second = Now();
        lock (gate)
        {
            WindowOf(grainType, method).RecordDuration(second, seconds);
        }
    }

    public RuntimeSnapshot Snapshot()
    {
        var now = time.GetUtcNow();
        var second = now.ToUnixTimeSeconds();
        var observed = (now - started).TotalSeconds;
        lock (gate)
        {
            var perMethod = methods
                .Select(m => m.Value.Summarize(m.Key.GrainType, m.Key.Method, second, observed))
                .OrderByDescending(m => m.CallsPerSecond).ThenBy(m => m.GrainType, StringComparer.Ordinal).ThenBy(m => m.Method, StringComparer.Ordinal)
                .ToList();
            var activationsPerType = activations.GroupBy(a => a.Key.GrainType).ToDictionary(g => g.Key, g => g.Sum(a => a.Value));
            var types = activationsPerType.Keys.Concat(methods.Keys.Select(k => k.GrainType))
                .Distinct().Order(StringComparer.Ordinal)
                .Select(type => new GrainTypeStatistics
                {
                    GrainType = type,
                    Activations = activationsPerType.GetValueOrDefault(type),
                    CallsPerSecond = perMethod.Where(m => m.GrainType == type).Sum(m => m.CallsPerSecond),
                    Errors = perMethod.Where(m => m.GrainType == type).Sum(m => m.Errors),
                })
                .ToList();
            return new RuntimeSnapshot
            {
                WindowSeconds = WindowSeconds,
                Activations = types.Sum(t => t.Activations),
                CallsPerSecond = perMethod.Sum(m => m.CallsPerSecond),
                Errors = perMethod.Sum(m => m.Errors),
                GrainTypes = types,
                Methods = perMethod,
            };
        }
    }

    private long Now() => time.GetUtcNow().ToUnixTimeSeconds();

    private GrainCallWindow WindowOf(string grainType, string method)
    {
        if (!methods.TryGetValue((grainType, method), out var window))
        {
            window = new GrainCallWindow(WindowSeconds);
            methods[(grainType, method)] = window;
        }

        return window;
    }
}
