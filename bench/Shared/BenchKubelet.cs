using Actors.Emulator.Kubelet;

namespace Actors.Bench.Shared;

/// <summary>The simulated kubelet every operator bench runs: fast pods, so the operator (not the kubelet's delays) is what is measured.</summary>
public static class BenchKubelet
{
    public static KubeletOptions Fast(string @namespace) => new()
    {
        StartDelay = TimeSpan.FromMilliseconds(100),
        ReadyDelay = TimeSpan.FromMilliseconds(100),
        ShutdownTime = TimeSpan.FromMilliseconds(100),
        CrashAfter = TimeSpan.FromMilliseconds(100),
        Namespaces = [@namespace],
    };
}
