using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Actors.Deploy.Tests.Support;

namespace Actors.Deploy.Tests.Monitoring;

/// <summary>
/// A real Prometheus (Debian's package) on a free loopback port, scraping one target every
/// second and evaluating the given rule file every second; its HTTP API for the test to ask.
/// </summary>
public sealed class PrometheusServer : IAsyncDisposable
{
    public const string Job = "actors";

    static readonly InstalledTool Tool = new("prometheus", "install the Debian package prometheus (test.sh does when it is missing)");

    readonly WorkDirectory work;
    readonly Process process;
    readonly StringBuilder log;
    readonly HttpClient http;

    PrometheusServer(WorkDirectory work, Process process, StringBuilder log, int port)
    {
        (this.work, this.process, this.log) = (work, process, log);
        http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(10) };
    }

    public static PrometheusServer Start(Uri target, string ruleFile)
    {
        var work = new WorkDirectory();
        var port = FreePort();
        var config = Path.Combine(work.Path, "prometheus.yml");
        File.WriteAllText(config, $"""
            global:
              scrape_interval: 1s
              evaluation_interval: 1s
            rule_files: ["{ruleFile}"]
            scrape_configs:
              - job_name: {Job}
                static_configs:
                  - targets: ["{target.Authority}"]
            """);
        var start = new ProcessStartInfo(Tool.Binary()) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { $"--config.file={config}", $"--storage.tsdb.path={Path.Combine(work.Path, "data")}", $"--web.listen-address=127.0.0.1:{port}", "--log.level=warn" })
            start.ArgumentList.Add(argument);

        var process = Process.Start(start)!;
        var log = new StringBuilder();
        process.ErrorDataReceived += (_, e) => { lock (log) log.AppendLine(e.Data); };
        process.OutputDataReceived += (_, e) => { lock (log) log.AppendLine(e.Data); };
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        return new PrometheusServer(work, process, log, port);
    }

    /// <summary>GET on the HTTP API; the "data" of a successful answer, or a failure with Prometheus's error.</summary>
    public async Task<JsonElement> ApiAsync(string pathAndQuery)
    {
        using var response = await http.GetAsync(pathAndQuery);
        if (response.StatusCode == HttpStatusCode.ServiceUnavailable)
            throw new HttpRequestException("Prometheus is still starting"); // WaitForAsync asks again
        var answer = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        if (answer.GetProperty("status").GetString() != "success")
            throw new Xunit.Sdk.XunitException($"Prometheus refused {Uri.UnescapeDataString(pathAndQuery)}: {answer.GetProperty("error")}");
        return answer.GetProperty("data").Clone();
    }

    /// <summary>An instant query's result vector.</summary>
    public async Task<JsonElement> QueryAsync(string expression) =>
        (await ApiAsync($"/api/v1/query?query={Uri.EscapeDataString(expression)}")).GetProperty("result");

    /// <summary>Asks until <paramref name="probe"/> answers; bounded, and says what Prometheus logged if it never does.</summary>
    public async Task<T> WaitForAsync<T>(string what, Func<Task<T?>> probe) where T : class
    {
        var deadline = Stopwatch.StartNew();
        Exception? last = null;
        while (deadline.Elapsed < TimeSpan.FromSeconds(90))
        {
            Assert.False(process.HasExited, $"prometheus exited: {Log}");
            try
            {
                if (await probe() is { } value) return value;
            }
            catch (HttpRequestException error)
            {
                last = error; // not listening yet
            }

            await Task.Delay(250);
        }

        throw new Xunit.Sdk.XunitException($"Prometheus never got to: {what} ({last?.Message})\n{Log}");
    }

    string Log { get { lock (log) return log.ToString(); } }

    public async ValueTask DisposeAsync()
    {
        http.Dispose();
        if (!process.HasExited) process.Kill();
        await process.WaitForExitAsync();
        process.Dispose();
        work.Dispose();
    }

    static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
