using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Actors.EndToEnd.Tests.Silo;

/// <summary>
/// The silo as a user runs it: <c>dotnet Actors.Silo.dll</c> as built next to these tests, in
/// its own working directory, with a shell that names no cluster unless the test says so. Its
/// output is kept (and echoed to the test output with a prefix) so a failure shows what the
/// silo said; the addresses it serves come from its start-up banner.
/// </summary>
public sealed partial class SiloProcess : IAsyncDisposable
{
    public static readonly TimeSpan StartLimit = TimeSpan.FromSeconds(120);

    private readonly Process process;
    private readonly ConcurrentQueue<string> output = new();
    private readonly ITestOutputHelper? log;

    private SiloProcess(Process process, string workDir, string name, ITestOutputHelper? log)
    {
        this.process = process;
        this.log = log;
        Name = name;
        WorkDir = workDir;
    }

    /// <summary>What the test calls this silo (its replica name in the multi-process scenarios).</summary>
    public string Name { get; }

    public string WorkDir { get; }
    public int Id => process.Id;
    public bool HasExited => process.HasExited;
    public int ExitCode => process.ExitCode;
    public DateTime StartedAt { get; } = DateTime.UtcNow;

    /// <summary>The dashboard and HTTP API, from the banner.</summary>
    public Uri Http { get; private set; } = null!;

    /// <summary>The gRPC (h2c) endpoint as host:port, from the banner.</summary>
    public string Grpc { get; private set; } = "";

    public IReadOnlyList<string> Output => [.. output];

    /// <summary>Starts the silo and waits for its banner; fails with its output if it exits or stalls first.</summary>
    /// <param name="environment">Variables to set; a null value removes the variable.</param>
    public static async Task<SiloProcess> StartAsync(
        string workDir, ITestOutputHelper? log, IReadOnlyList<string> args, IReadOnlyDictionary<string, string?>? environment = null, string name = "silo")
    {
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workDir,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(Repository.SiloDll);
        foreach (var arg in args) info.ArgumentList.Add(arg);
        // A newcomer's shell: no cluster configured, not in a pod.
        info.Environment.Remove("KUBECONFIG");
        info.Environment.Remove("KUBERNETES_SERVICE_HOST");
        info.Environment.Remove("POD_NAME");
        info.Environment.Remove("POD_NAMESPACE");
        info.Environment.Remove("ACTORS_API_TOKENS_FILE");
        foreach (var (key, value) in environment ?? new Dictionary<string, string?>())
        {
            if (value is null) info.Environment.Remove(key);
            else info.Environment[key] = value;
        }

        var silo = new SiloProcess(Process.Start(info)!, workDir, name, log);
        silo.process.OutputDataReceived += (_, e) => silo.Keep(e.Data, "");
        silo.process.ErrorDataReceived += (_, e) => silo.Keep(e.Data, "stderr: ");
        silo.process.BeginOutputReadLine();
        silo.process.BeginErrorReadLine();
        try
        {
            await silo.UntilSaysAsync("Press Ctrl+C to stop.", StartLimit);
            var banner = silo.Output;
            silo.Http = new Uri(banner.Select(l => DashboardLine().Match(l)).First(m => m.Success).Groups[1].Value);
            silo.Grpc = banner.Select(l => GrpcLine().Match(l)).First(m => m.Success).Groups[1].Value;
            return silo;
        }
        catch
        {
            await silo.DisposeAsync();
            throw;
        }
    }

    private void Keep(string? line, string prefix)
    {
        if (line is null) return;
        output.Enqueue(prefix + line);
        try
        {
            log?.WriteLine($"{DateTime.UtcNow:HH:mm:ss.fff} {Name}: {prefix}{line}");
        }
        catch (InvalidOperationException)
        {
            // The test has finished; the line is still kept.
        }
    }

    public async Task UntilSaysAsync(string text, TimeSpan limit)
    {
        var deadline = DateTime.UtcNow + limit;
        while (!output.Any(line => line.Contains(text, StringComparison.Ordinal)))
        {
            if (process.HasExited)
                Assert.Fail($"{Name} exited with {process.ExitCode} before saying '{text}':\n{string.Join("\n", output)}");
            if (DateTime.UtcNow > deadline)
                Assert.Fail($"{Name} did not say '{text}' within {limit.TotalSeconds:0}s:\n{string.Join("\n", output)}");
            await Task.Delay(50);
        }
    }

    /// <summary>A file of the state directory (embedded mode), e.g. "token".</summary>
    public string StateFile(string file) => Path.Combine(WorkDir, ".actors", file);

    public async Task<string> ReadStateAsync(string file) => (await File.ReadAllTextAsync(StateFile(file))).Trim();

    /// <summary>SIGTERM, as the kubelet stops a pod; returns the exit code.</summary>
    public async Task<int> TerminateAsync(TimeSpan limit)
    {
        using (var kill = Process.Start("kill", ["-TERM", process.Id.ToString(CultureInfo.InvariantCulture)])) await kill.WaitForExitAsync();
        using var bound = new CancellationTokenSource(limit);
        await process.WaitForExitAsync(bound.Token);
        return process.ExitCode;
    }

    /// <summary>SIGKILL: the process ends at once, releasing nothing — a crashed node.</summary>
    public async Task KillAsync()
    {
        process.Kill(entireProcessTree: true);
        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await process.WaitForExitAsync(bound.Token);
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited) await KillAsync();
        process.Dispose();
    }

    [GeneratedRegex(@"Dashboard:\s+(http://\S+)")]
    private static partial Regex DashboardLine();

    [GeneratedRegex(@"gRPC \(h2c\):\s+(\S+)")]
    private static partial Regex GrpcLine();
}
