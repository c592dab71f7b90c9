using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Actors.Operator.Bench;

/// <summary>
/// The operator as a user runs it, in a process of its own: the silo executable built beside this
/// benchmark (<c>dotnet Actors.Silo.dll --kubeconfig … --watch-namespaces …</c>), so its memory is
/// the operator's alone. Reads its memory from /proc and its client requests from its /metrics.
/// </summary>
public sealed partial class OperatorProcess : IAsyncDisposable
{
    private const string SiloVariablePrefix = "BENCH_SILO_";

    private readonly Process _process;
    private readonly ConcurrentQueue<string> _tail = new();
    private readonly HttpClient _http = new();
    private readonly string _workDir;
    private bool _disposed;

    private OperatorProcess(Process process, string workDir)
    {
        _process = process;
        _workDir = workDir;
    }

    public int Id => _process.Id;

    /// <summary>The HTTP address from the start-up banner (dashboard, API, /metrics).</summary>
    public Uri Http { get; private set; } = null!;

    /// <summary>CPU time of all its threads so far.</summary>
    public TimeSpan CpuTime
    {
        get
        {
            _process.Refresh();
            return _process.TotalProcessorTime;
        }
    }

    public static async Task<OperatorProcess> StartAsync(string kubeconfig, string @namespace, TimeSpan limit, MemoryLimit? memory = null)
    {
        var workDir = Directory.CreateTempSubdirectory("operator-bench-").FullName;
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workDir,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in (string[])[Path.Combine(AppContext.BaseDirectory, "Actors.Silo.dll"), "--kubeconfig", kubeconfig,
                     "--watch-namespaces", @namespace, "--install-crd", "--http-address", "127.0.0.1:0", "--grpc-address", "127.0.0.1:0"])
            info.ArgumentList.Add(arg);
        foreach (var variable in (string[])["KUBECONFIG", "KUBERNETES_SERVICE_HOST", "POD_NAME", "POD_NAMESPACE", "ACTORS_API_TOKENS_FILE"])
            info.Environment.Remove(variable);
        // BENCH_SILO_X=v sets X=v for the silo alone (a GC setting, say), not for the benchmark.
        foreach (var (key, value) in info.Environment.Where(e => e.Key.StartsWith(SiloVariablePrefix, StringComparison.Ordinal)).ToList())
            info.Environment[key[SiloVariablePrefix.Length..]] = value;
        var silo = new OperatorProcess(Process.Start(memory?.Wrap(info) ?? info)!, workDir);
        silo._process.OutputDataReceived += (_, e) => silo.Keep(e.Data);
        silo._process.ErrorDataReceived += (_, e) => silo.Keep(e.Data);
        silo._process.BeginOutputReadLine();
        silo._process.BeginErrorReadLine();
        var deadline = DateTime.UtcNow + limit;
        while (!silo._tail.Any(l => l.Contains("Press Ctrl+C to stop.", StringComparison.Ordinal)))
        {
            if (silo._process.HasExited || DateTime.UtcNow > deadline)
            {
                var said = string.Join("\n", silo._tail);
                await silo.DisposeAsync();
                throw new InvalidOperationException($"the silo did not start:\n{said}");
            }
            await Task.Delay(100);
        }
        silo.Http = new Uri(silo._tail.Select(l => DashboardLine().Match(l)).First(m => m.Success).Groups[1].Value);
        return silo;
    }

    /// <summary>Its exit code once it has exited (killed by the kernel for memory: 137); null while it runs.</summary>
    public int? ExitCode => _process.HasExited ? _process.ExitCode : null;

    /// <summary>The last lines it printed (its log at start-up and when something fails).</summary>
    public IReadOnlyList<string> Tail => [.. _tail];

    private void Keep(string? line)
    {
        if (line is null) return;
        _tail.Enqueue(line);
        while (_tail.Count > 200) _tail.TryDequeue(out _);
    }

    /// <summary>Resident set now and its peak so far (VmRSS, VmHWM of /proc/&lt;pid&gt;/status), in bytes.</summary>
    public (long Rss, long Peak) Memory()
    {
        long Field(string[] lines, string name) =>
            long.Parse(lines.First(l => l.StartsWith(name, StringComparison.Ordinal))[name.Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) * 1024;
        var status = File.ReadAllLines($"/proc/{_process.Id}/status");
        return (Field(status, "VmRSS:"), Field(status, "VmHWM:"));
    }

    /// <summary>Its Kubernetes client's requests so far: rest_client_requests_total summed over every series of its /metrics.</summary>
    public Task<double> RequestsAsync() => MetricAsync("rest_client_requests_total");

    /// <summary>Its managed heap after the last collection, all generations (the .NET runtime's gauge on its /metrics), in bytes.</summary>
    public Task<double> ManagedHeapAsync() => MetricAsync("dotnet_gc_last_collection_heap_size_bytes");

    private async Task<double> MetricAsync(string name)
    {
        var text = await _http.GetStringAsync(new Uri(Http, "/metrics"));
        return text.Split('\n')
            .Where(l => l.StartsWith(name + "{", StringComparison.Ordinal) || l.StartsWith(name + " ", StringComparison.Ordinal))
            .Sum(l => double.Parse(l[(l.Contains('}') ? l.LastIndexOf('}') + 1 : name.Length)..].Trim().Split(' ')[0], CultureInfo.InvariantCulture));
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed) return;
        _disposed = true;
        if (!_process.HasExited)
        {
            using (var term = Process.Start("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)])) await term.WaitForExitAsync();
            using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            try
            {
                await _process.WaitForExitAsync(bound.Token);
            }
            catch (OperationCanceledException)
            {
                _process.Kill(entireProcessTree: true);
            }
        }
        _process.Dispose();
        _http.Dispose();
        Directory.Delete(_workDir, recursive: true);
    }

    [GeneratedRegex(@"Dashboard:\s+(http://\S+)")]
    private static partial Regex DashboardLine();
}
