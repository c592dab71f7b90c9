using System.Diagnostics;
using System.Globalization;

namespace Actors.Operator.Bench;

/// <summary>
/// The silo in a memory cgroup with a limit, as a container's <c>resources.limits.memory</c> puts it
/// (<c>BENCH_MEMORY_LIMIT_MIB=512</c>, deploy/operator's limit): the .NET runtime reads the limit at
/// start-up and sizes its GC to it, and the kernel kills the process if it goes over, as the kubelet's
/// cgroup would. Needs root and a writable cgroup v1 memory controller or cgroup v2.
/// </summary>
public sealed class MemoryLimit
{
    private const string V1Root = "/sys/fs/cgroup/memory", V2Root = "/sys/fs/cgroup";

    private readonly string _directory;
    private readonly bool _v2;

    private MemoryLimit(string directory, bool v2, long bytes)
    {
        _directory = directory;
        _v2 = v2;
        Bytes = bytes;
    }

    public long Bytes { get; }

    /// <summary>The limit BENCH_MEMORY_LIMIT_MIB asks for, its cgroup created; null when unset.</summary>
    public static MemoryLimit? FromEnvironment()
    {
        if (Environment.GetEnvironmentVariable("BENCH_MEMORY_LIMIT_MIB") is not { Length: > 0 } mib) return null;
        var bytes = long.Parse(mib, CultureInfo.InvariantCulture) * 1024 * 1024;
        var name = $"operator-bench-{Environment.ProcessId}";
        var v2 = !Directory.Exists(V1Root) && File.Exists(Path.Combine(V2Root, "cgroup.controllers"));
        var directory = Path.Combine(v2 ? V2Root : V1Root, name);
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, v2 ? "memory.max" : "memory.limit_in_bytes"), bytes.ToString(CultureInfo.InvariantCulture));
        return new MemoryLimit(directory, v2, bytes);
    }

    /// <summary>Starts the command inside the cgroup: a shell joins it, then becomes the command (same pid).</summary>
    public ProcessStartInfo Wrap(ProcessStartInfo info)
    {
        var wrapped = new ProcessStartInfo("/bin/sh")
        {
            WorkingDirectory = info.WorkingDirectory,
            RedirectStandardOutput = info.RedirectStandardOutput,
            RedirectStandardError = info.RedirectStandardError,
            UseShellExecute = false,
        };
        foreach (var arg in (string[])["-c", "echo $$ > \"$0/cgroup.procs\" && exec \"$@\"", _directory, info.FileName, .. info.ArgumentList])
            wrapped.ArgumentList.Add(arg);
        wrapped.Environment.Clear();
        foreach (var (key, value) in info.Environment) wrapped.Environment[key] = value;
        return wrapped;
    }

    /// <summary>The cgroup's peak charge (resident and page cache together, as the kernel counts it against the limit).</summary>
    public long PeakUsage() => long.Parse(File.ReadAllText(Path.Combine(_directory, _v2 ? "memory.peak" : "memory.max_usage_in_bytes")).Trim(),
        CultureInfo.InvariantCulture);

    /// <summary>Processes the kernel killed for going over the limit.</summary>
    public long OomKills()
    {
        var file = Path.Combine(_directory, _v2 ? "memory.events" : "memory.oom_control");
        var line = File.ReadLines(file).FirstOrDefault(l => l.StartsWith("oom_kill ", StringComparison.Ordinal));
        return line is null ? 0 : long.Parse(line["oom_kill ".Length..], CultureInfo.InvariantCulture);
    }

    public void Remove()
    {
        try
        {
            Directory.Delete(_directory);
        }
        catch (IOException)
        {
            // A process still in it (killed but not reaped yet): the cgroup stays, empty, until reboot.
        }
    }
}
