using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using Actors.Silo.Tests.Hosting;

namespace Actors.Silo.Tests.Embedded;

/// <summary>
/// The newcomer's first run, as a real process in an empty directory: `dotnet Actors.Silo.dll`
/// with no cluster configured, looked at with the real kubectl and curl-like requests, then
/// stopped with SIGTERM as Kubernetes stops a pod.
/// </summary>
public sealed partial class EmbeddedModeProcessTests : IDisposable
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(90);
    private readonly string workDir = Directory.CreateTempSubdirectory("silo-embedded-").FullName;
    private readonly ConcurrentQueue<string> output = new();
    private Process? silo;

    public void Dispose()
    {
        if (silo is { HasExited: false }) silo.Kill(entireProcessTree: true);
        silo?.Dispose();
        Directory.Delete(workDir, recursive: true);
    }

    [Fact]
    public async Task Embedded_mode_writes_kubeconfig_and_token_shows_the_sample_to_kubectl_and_stops_cleanly_on_SIGTERM()
    {
        var kubectl = InstalledTool.Kubectl.Binary();
        silo = Start("dotnet", Repository.SiloDll, "--http-address", "127.0.0.1:0", "--grpc-address", "127.0.0.1:0");

        await UntilAsync(() => output.Contains("Press Ctrl+C to stop."), "the banner is printed");
        var banner = string.Join("\n", output);
        Assert.Contains("kubectl --kubeconfig .actors/kubeconfig -n kafka get kc,pods", banner);
        Assert.Contains("curl -H \"Authorization: Bearer $(cat .actors/token)\" http://127.0.0.1:", banner);
        var token = (await File.ReadAllTextAsync(Path.Combine(workDir, ".actors", "token"))).Trim();
        Assert.Matches("^[0-9a-f]{48}$", token);
        Assert.Contains("certificate-authority-data:", await File.ReadAllTextAsync(Path.Combine(workDir, ".actors", "kubeconfig")));

        var dashboard = new Uri(output.Select(line => DashboardLine().Match(line)).First(m => m.Success).Groups[1].Value);
        var readToken = (await File.ReadAllTextAsync(Path.Combine(workDir, ".actors", "read-token"))).Trim();
        Assert.Equal($"#token={readToken}", dashboard.Fragment);
        var http = new Uri(dashboard.GetLeftPart(UriPartial.Authority));
        using var client = new HttpClient { BaseAddress = http, Timeout = TimeSpan.FromSeconds(30) };
        Assert.Equal("ok\n", await client.GetStringAsync("/healthz"));
        Assert.Contains("<html", await client.GetStringAsync("/"), StringComparison.OrdinalIgnoreCase);
        using var clusters = new HttpRequestMessage(HttpMethod.Get, "/api/v1/clusters") { Headers = { { "Authorization", $"Bearer {token}" } } };
        using var answer = await client.SendAsync(clusters);
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.Contains("\"name\":\"demo\"", await answer.Content.ReadAsStringAsync());

        var (code, listed) = await RunAsync(kubectl, "--kubeconfig", ".actors/kubeconfig", "-n", "kafka", "get", "kc", "-o", "name");
        Assert.Equal(0, code);
        Assert.Equal("kafkacluster.kafka.actors.dev/demo", listed.Trim());

        // The operator leads alone and starts the first controller; the simulated kubelet runs it.
        await UntilAsync(async () =>
        {
            var (_, pods) = await RunAsync(kubectl, "--kubeconfig", ".actors/kubeconfig", "-n", "kafka", "get", "pods", "-o", "name");
            return pods.Contains("pod/demo-controller-0");
        }, "the operator creates pod demo-controller-0");

        var (killed, _) = await RunAsync("kill", "-TERM", silo.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(0, killed);
        using var exit = new CancellationTokenSource(Limit);
        await silo.WaitForExitAsync(exit.Token);
        Assert.Equal(0, silo.ExitCode);
        Assert.Contains(output, line => line.Contains("Operator silo stopped"));
    }

    private Process Start(string file, params string[] args) => NewcomerProcess.Start(file, args, workDir, output);

    private async Task<(int Code, string Output)> RunAsync(string file, params string[] args)
    {
        var info = new ProcessStartInfo(file) { WorkingDirectory = workDir, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args) info.ArgumentList.Add(arg);
        using var process = Process.Start(info)!;
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var stdout = process.StandardOutput.ReadToEndAsync(limit.Token);
        var stderr = process.StandardError.ReadToEndAsync(limit.Token);
        await process.WaitForExitAsync(limit.Token);
        return (process.ExitCode, await stdout + await stderr);
    }

    private Task UntilAsync(Func<bool> condition, string what) => UntilAsync(() => Task.FromResult(condition()), what);

    private async Task UntilAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow + Limit;
        while (!await condition())
        {
            if (silo is { HasExited: true })
                Assert.Fail($"The silo exited with {silo.ExitCode} before {what}:\n{string.Join("\n", output)}");
            if (DateTime.UtcNow > deadline)
                Assert.Fail($"Timed out waiting until {what}:\n{string.Join("\n", output)}");
            await Task.Delay(100);
        }
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"Dashboard:\s+(http://\S+)")]
    private static partial System.Text.RegularExpressions.Regex DashboardLine();
}
