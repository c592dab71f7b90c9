using System.Diagnostics;

namespace Actors.Operator.Bench;

/// <summary>Managed heap after a full collection and the process working set, at one moment.</summary>
public sealed record Footprint(long ManagedBytes, long WorkingSetBytes)
{
    public static Footprint Now()
    {
        var managed = GC.GetTotalMemory(forceFullCollection: true);
        using var process = Process.GetCurrentProcess();
        process.Refresh();
        return new Footprint(managed, process.WorkingSet64);
    }
}
