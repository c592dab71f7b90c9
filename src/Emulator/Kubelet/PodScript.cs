using k8s.Models;

namespace Actors.Emulator.Kubelet;

/// <summary>
/// What one pod is scripted to do, read from its <see cref="SimAnnotations"/> over the kubelet's
/// defaults. Pure: the same pod always reads the same script.
/// </summary>
public sealed record PodScript(
    TimeSpan StartDelay,
    TimeSpan ReadyDelay,
    bool NeverReady,
    int CrashCount,
    TimeSpan CrashAfter,
    string? CrashMessage = null)
{
    /// <summary>Crash forever.</summary>
    public const int CrashForever = int.MaxValue;

    public bool CrashesAt(int restartCount) => restartCount < CrashCount;

    public static PodScript For(V1Pod pod, KubeletOptions defaults)
    {
        var a = pod.Metadata.Annotations ?? new Dictionary<string, string>();
        return new PodScript(
            Duration(a, SimAnnotations.StartDelay, defaults.StartDelay),
            Duration(a, SimAnnotations.ReadyDelay, defaults.ReadyDelay),
            a.TryGetValue(SimAnnotations.NeverReady, out var never) && string.Equals(never, "true", StringComparison.OrdinalIgnoreCase),
            Crashes(pod.GetAnnotation(SimAnnotations.Crash)),
            Duration(a, SimAnnotations.CrashAfter, defaults.CrashAfter),
            pod.GetAnnotation(SimAnnotations.CrashMessage));
    }

    static TimeSpan Duration(IDictionary<string, string> annotations, string key, TimeSpan fallback) =>
        annotations.TryGetValue(key, out var text) && GoDuration.TryParse(text, out var d) ? d : fallback;

    static int Crashes(string? text) => text?.Trim().ToLowerInvariant() switch
    {
        null or "" or "false" or "0" => 0,
        "loop" or "true" or "forever" => CrashForever,
        var n when int.TryParse(n, out var count) && count > 0 => count,
        _ => 0,
    };
}
