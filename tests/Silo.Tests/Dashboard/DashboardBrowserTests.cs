using Actors.Grains.Telemetry;
using System.Diagnostics;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Actors.Silo.Tests.Dashboard;

/// <summary>
/// The dashboard in a real browser: the silo runs as its own process in embedded mode (the
/// emulator, the simulated kubelet and the sample cluster, as `dotnet run --project src/Silo`
/// starts it), and Dashboard/Browser/dashboard-browser.mjs drives Debian's chromium through
/// playwright-core: the sample cluster and its nodes show, a scale-out through the API shows on
/// the same page without a reload, a rolling restart shows why it waits (RollBlocked naming the
/// partitions embedded mode's Kafka has not yet back in sync), and a screenshot is written to TestResults/dashboard.png.
/// Fails — never skips — when chromium, node or the script's node_modules (`npm ci`) are missing.
/// </summary>
public sealed partial class DashboardBrowserTests : IAsyncLifetime
{
    private const string Chromium = "/usr/bin/chromium";
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);
    private static readonly TimeSpan BrowserTimeout = TimeSpan.FromMinutes(6);

    private readonly string stateDir = Path.Combine(Path.GetTempPath(), $"actors-dashboard-{Guid.NewGuid():N}");
    private readonly StringBuilder siloOutput = new();
    private Process? silo;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (silo is { HasExited: false })
        {
            silo.Kill(entireProcessTree: true);
            await silo.WaitForExitAsync();
        }

        silo?.Dispose();
        if (Directory.Exists(stateDir)) Directory.Delete(stateDir, recursive: true);
    }

    [Fact]
    public async Task The_dashboard_shows_the_sample_cluster_and_follows_a_scale_out_live_in_chromium()
    {
        Assert.True(File.Exists(Chromium), $"{Chromium} is missing: install Debian's chromium (apt-get install -y chromium; test.sh does this).");
        var browserDir = BrowserDirectory();
        Assert.True(Directory.Exists(Path.Combine(browserDir, "node_modules", "playwright-core")),
            $"playwright-core is not installed: run `npm ci` in {browserDir} (test.sh does this).");

        var dashboard = await StartSiloAsync();
        var screenshot = Path.Combine(AppContext.BaseDirectory, "TestResults", "dashboard.png");
        Directory.CreateDirectory(Path.GetDirectoryName(screenshot)!);
        File.Delete(screenshot);

        var (exitCode, stdout, stderr) = await RunNodeAsync(browserDir, new Dictionary<string, string>
        {
            ["DASHBOARD_URL"] = dashboard.ToString(),
            ["READ_TOKEN"] = (await File.ReadAllTextAsync(Path.Combine(stateDir, "read-token"))).Trim(),
            ["ADMIN_TOKEN"] = (await File.ReadAllTextAsync(Path.Combine(stateDir, "token"))).Trim(),
            ["SCREENSHOT"] = screenshot,
            ["CHROMIUM"] = Chromium,
        });

        Assert.True(exitCode == 0, $"the browser check failed (exit {exitCode}):\n{stderr}\n{stdout}\n--- silo ---\n{siloOutput}");
        var findings = JsonDocument.Parse(stdout.Trim().Split('\n')[^1]).RootElement;
        var before = findings.GetProperty("nodesBefore").EnumerateArray().Select(n => n.GetString()).ToList();
        var after = findings.GetProperty("nodesAfter").EnumerateArray().Select(n => n.GetString()).ToList();
        Assert.Equal(["broker-0", "broker-1", "broker-2", "controller-0", "controller-1", "controller-2"], before.Order());
        Assert.DoesNotContain("broker-3", before);
        Assert.Contains("broker-3", after);
        Assert.Contains(GrainCallTelemetry.ClusterGrainType, findings.GetProperty("grainTypes").EnumerateArray().Select(g => g.GetString()));
        var blocked = findings.GetProperty("rollBlocked");
        Assert.Equal("RollBlocked", blocked.GetProperty("reason").GetString());
        Assert.Matches(@"broker \d must not restart yet: .*\b(orders|payments|clicks)-\d+ would drop to 1 in-sync replica\(s\), below min\.insync\.replicas 2",
            blocked.GetProperty("message").GetString());
        var png = await File.ReadAllBytesAsync(screenshot);
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, png[..4]);
    }

    /// <summary>Starts Actors.Silo.dll (copied beside the tests) on free ports and returns the dashboard's address from its banner.</summary>
    private async Task<Uri> StartSiloAsync()
    {
        var start = new ProcessStartInfo(DotnetHost())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        foreach (var argument in new[]
                 {
                     Path.Combine(AppContext.BaseDirectory, "Actors.Silo.dll"), "--embedded", "--state-dir", stateDir,
                     "--http-address", "127.0.0.1:0", "--grpc-address", "127.0.0.1:0",
                     // Longer than the sample's minReadySeconds, so the page has seconds to show each wait.
                     "--embedded-kafka-catch-up", "10s",
                 })
        {
            start.ArgumentList.Add(argument);
        }

        var address = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        silo = new Process { StartInfo = start, EnableRaisingEvents = true };
        silo.OutputDataReceived += (_, line) => Collect(line.Data, address);
        silo.ErrorDataReceived += (_, line) => Collect(line.Data, address);
        silo.Exited += (_, _) => address.TrySetException(new InvalidOperationException($"the silo exited before serving:\n{Output()}"));
        silo.Start();
        silo.BeginOutputReadLine();
        silo.BeginErrorReadLine();
        return await address.Task.WaitAsync(StartTimeout);
    }

    private void Collect(string? line, TaskCompletionSource<Uri> address)
    {
        if (line is null) return;
        lock (siloOutput) siloOutput.AppendLine(line);
        if (DashboardLine().Match(line) is { Success: true } match) address.TrySetResult(new Uri(new Uri(match.Groups[1].Value).GetLeftPart(UriPartial.Authority))); // the banner may add #token=…
    }

    private string Output()
    {
        lock (siloOutput) return siloOutput.ToString();
    }

    private static async Task<(int ExitCode, string Stdout, string Stderr)> RunNodeAsync(string directory, IDictionary<string, string> environment)
    {
        var start = new ProcessStartInfo("node")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = directory,
        };
        start.ArgumentList.Add("dashboard-browser.mjs");
        foreach (var (key, value) in environment) start.Environment[key] = value;

        using var node = Process.Start(start) ?? throw new InvalidOperationException("node could not be started; install Node.js.");
        var stdout = node.StandardOutput.ReadToEndAsync();
        var stderr = node.StandardError.ReadToEndAsync();
        using var limit = new CancellationTokenSource(BrowserTimeout);
        try
        {
            await node.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            node.Kill(entireProcessTree: true);
            throw new TimeoutException($"the browser check did not finish within {BrowserTimeout}: {await stderr}");
        }

        return (node.ExitCode, await stdout, await stderr);
    }

    private static string BrowserDirectory() => Repository.PathOf("tests/Silo.Tests/Dashboard/Browser");

    // `dotnet test` names the host it runs under; outside it, the dotnet on PATH.
    private static string DotnetHost() => Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";

    [GeneratedRegex(@"^\s*Dashboard:\s+(http://\S+)")]
    private static partial Regex DashboardLine();
}
