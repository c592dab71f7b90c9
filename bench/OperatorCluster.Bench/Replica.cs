using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Actors.OperatorCluster.Bench;

/// <summary>When a replica said it took a cluster (its "Reconciling ns/name on this replica" line), as the bench received it.</summary>
public sealed record Takeover(DateTimeOffset Time, string Cluster);

/// <summary>
/// One operator replica: <c>dotnet Actors.Silo.dll --operator-cluster …</c> in its own process,
/// as a pod runs it. Its output goes to a file; the lines the bench times (a cluster reconciled
/// here, a replica declared dead) are stamped when they arrive, since the silo's console log
/// carries no time.
/// </summary>
public sealed partial class Replica : IAsyncDisposable
{
    private readonly Process process;
    private readonly StreamWriter log;
    private readonly ConcurrentQueue<Takeover> takeovers = new();
    private readonly ConcurrentQueue<DateTimeOffset> deathsSeen = new();
    private readonly TaskCompletionSource<string> banner = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private Replica(string name, Process process, StreamWriter log)
    {
        Name = name;
        this.process = process;
        this.log = log;
    }

    public string Name { get; }
    public int Pid => process.Id;
    public bool HasExited => process.HasExited;

    /// <summary>Dashboard, API, /metrics and /readyz, from the banner.</summary>
    public Uri Http { get; private set; } = null!;

    /// <summary>Every cluster this replica said it reconciles, in order.</summary>
    public IReadOnlyList<Takeover> Takeovers => [.. takeovers];

    /// <summary>When this replica logged another replica declared dead.</summary>
    public IReadOnlyList<DateTimeOffset> DeathsSeen => [.. deathsSeen];

    public static async Task<Replica> StartAsync(string siloDll, string name, string workDir, IReadOnlyList<string> args, IReadOnlyDictionary<string, string> environment)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Directory.CreateDirectory(Path.Combine(workDir, name)).FullName,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(siloDll);
        foreach (var arg in args) info.ArgumentList.Add(arg);
        foreach (var key in new[] { "KUBECONFIG", "KUBERNETES_SERVICE_HOST", "POD_NAME", "POD_NAMESPACE" }) info.Environment.Remove(key);
        foreach (var (key, value) in environment) info.Environment[key] = value;

        var log = new StreamWriter(Path.Combine(info.WorkingDirectory, "output.log")) { AutoFlush = true };
        var replica = new Replica(name, Process.Start(info)!, log);
        replica.process.OutputDataReceived += (_, e) => replica.Keep(e.Data);
        replica.process.ErrorDataReceived += (_, e) => replica.Keep(e.Data);
        replica.process.BeginOutputReadLine();
        replica.process.BeginErrorReadLine();
        var said = await Task.WhenAny(replica.banner.Task, Task.Delay(TimeSpan.FromSeconds(120)), replica.process.WaitForExitAsync());
        if (said != replica.banner.Task)
        {
            await replica.DisposeAsync();
            throw new InvalidOperationException($"{name} did not start; see {Path.Combine(info.WorkingDirectory, "output.log")}");
        }
        replica.Http = new Uri(await replica.banner.Task);
        return replica;
    }

    private void Keep(string? line)
    {
        if (line is null) return;
        var now = DateTimeOffset.UtcNow;
        lock (log) log.WriteLine($"{now:HH:mm:ss.fff} {line}");
        if (ReconcilingLine().Match(line) is { Success: true } reconciling) takeovers.Enqueue(new Takeover(now, reconciling.Groups[1].Value));
        else if (line.Contains("declared dead", StringComparison.Ordinal)) deathsSeen.Enqueue(now);
        else if (DashboardLine().Match(line) is { Success: true } dashboard) banner.TrySetResult(dashboard.Groups[1].Value);
    }

    /// <summary>True once /readyz says this silo is Active in the operator cluster.</summary>
    public async Task<bool> IsActiveAsync(HttpClient http)
    {
        try
        {
            var checks = JsonNode.Parse(await http.GetStringAsync(new Uri(Http, "/readyz")))!["checks"]!.AsArray();
            return checks.Any(c => (string?)c!["name"] == "operator-cluster" && (bool?)c["ready"] == true);
        }
        catch (HttpRequestException)
        {
            // /readyz answers 503 until every check is ready.
            return false;
        }
    }

    /// <summary>Resident and peak resident memory from /proc/&lt;pid&gt;/status, in bytes.</summary>
    public (long Rss, long Hwm) Memory()
    {
        var status = File.ReadAllLines($"/proc/{process.Id}/status");
        long Field(string name) =>
            long.Parse(status.First(l => l.StartsWith(name + ":", StringComparison.Ordinal)).Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
        return (Field("VmRSS"), Field("VmHWM"));
    }

    /// <summary>This process's API requests so far (<c>rest_client_requests_total</c> on its /metrics), by HTTP method and answer ("GET 200").</summary>
    public async Task<IReadOnlyDictionary<string, long>> RequestsAsync(HttpClient http)
    {
        var text = await http.GetStringAsync(new Uri(Http, "/metrics"));
        var counts = new Dictionary<string, long>();
        foreach (Match series in RequestsSeries().Matches(text))
        {
            var labels = Label().Matches(series.Groups[1].Value).ToDictionary(l => l.Groups[1].Value, l => l.Groups[2].Value);
            var key = $"{labels.GetValueOrDefault("method")} {labels.GetValueOrDefault("code")}";
            counts[key] = counts.GetValueOrDefault(key) + (long)double.Parse(series.Groups[2].Value, CultureInfo.InvariantCulture);
        }
        return counts;
    }

    /// <summary>SIGKILL: a crashed pod. Returns once the process is gone.</summary>
    public async Task KillAsync()
    {
        process.Kill();
        await process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited) await KillAsync();
        process.Dispose();
        lock (log) log.Dispose();
    }

    [GeneratedRegex(@"Reconciling (\S+) on this replica")]
    private static partial Regex ReconcilingLine();

    [GeneratedRegex(@"Dashboard:\s+(http://\S+)")]
    private static partial Regex DashboardLine();

    [GeneratedRegex(@"^rest_client_requests_total\{([^}]*)\}\s+(\S+)", RegexOptions.Multiline)]
    private static partial Regex RequestsSeries();

    [GeneratedRegex(@"(\w+)=""([^""]*)""")]
    private static partial Regex Label();
}
