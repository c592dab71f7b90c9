using Actors.Contracts.Kafka;
using Actors.Grains.Telemetry;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Actors.Silo.Telemetry;
using Actors.Silo.Tests.Fakes;
using Microsoft.Extensions.DependencyInjection;

namespace Actors.Silo.Tests.Telemetry;

/// <summary>A real Prometheus (Debian's package) scrapes /metrics and answers queries about it.</summary>
[Collection(ScrapeCollection.Name)]
public sealed class PrometheusServerTests : IAsyncLifetime
{
    private TestSilo silo = null!;
    private readonly string workDir = Directory.CreateTempSubdirectory("actors-prometheus-").FullName;

    public async Task InitializeAsync() => silo = await TestSilo.StartAsync();

    public async Task DisposeAsync()
    {
        await silo.DisposeAsync();
        Directory.Delete(workDir, recursive: true);
    }

    private static string Tool(string name)
    {
        var path = new[] { "/usr/bin", "/usr/local/bin", "/bin" }.Select(dir => Path.Combine(dir, name)).FirstOrDefault(File.Exists);
        Assert.True(path is not null, $"'{name}' is needed for this test: apt-get install prometheus");
        return path!;
    }

    [Fact]
    public async Task Prometheus_scrapes_the_reconcile_counter_and_answers_a_query_for_it()
    {
        var controller = $"prom-{Guid.NewGuid():N}"[..20];
        ReconcileTelemetry.ReconcileTotal.Add(3, new("controller", controller), new("result", "success"));
        ReconcileTelemetry.Record(controller, "success", TimeSpan.FromMilliseconds(120));

        var port = FreePort();
        var config = Path.Combine(workDir, "prometheus.yml");
        await File.WriteAllTextAsync(config, $"""
            global:
              scrape_interval: 1s
              evaluation_interval: 1s
            scrape_configs:
              - job_name: actors
                metrics_path: /metrics
                static_configs:
                  - targets: ["{silo.Http.Host}:{silo.Http.Port}"]
            """);
        var start = new ProcessStartInfo(Tool("prometheus"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[]
                 {
                     $"--config.file={config}", $"--storage.tsdb.path={Path.Combine(workDir, "data")}",
                     $"--web.listen-address=127.0.0.1:{port}", "--log.level=warn",
                 })
        {
            start.ArgumentList.Add(argument);
        }

        using var prometheus = Process.Start(start)!;
        var log = new System.Text.StringBuilder();
        prometheus.ErrorDataReceived += (_, e) => { lock (log) { log.AppendLine(e.Data); } };
        prometheus.BeginErrorReadLine();
        prometheus.BeginOutputReadLine();
        try
        {
            using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(10) };
            var query = $"/api/v1/query?query={Uri.EscapeDataString($"reconcile_total{{controller=\"{controller}\",result=\"success\"}}")}";

            var value = await PollAsync(async () =>
            {
                var answer = JsonDocument.Parse(await client.GetStringAsync(query)).RootElement;
                Assert.Equal("success", answer.GetProperty("status").GetString());
                var result = answer.GetProperty("data").GetProperty("result");
                return result.GetArrayLength() == 1 ? result[0].GetProperty("value")[1].GetString() : null;
            }, prometheus, log);

            Assert.Equal("4", value); // 3 added, plus one from RecordReconcile
            var up = await PollAsync(async () =>
            {
                var answer = JsonDocument.Parse(await client.GetStringAsync("/api/v1/query?query=up%7Bjob%3D%22actors%22%7D")).RootElement;
                var result = answer.GetProperty("data").GetProperty("result");
                return result.GetArrayLength() == 1 ? result[0].GetProperty("value")[1].GetString() : null;
            }, prometheus, log);
            Assert.Equal("1", up);
            var histogram = JsonDocument.Parse(await client.GetStringAsync(
                $"/api/v1/query?query={Uri.EscapeDataString($"reconcile_time_seconds_count{{controller=\"{controller}\"}}")}")).RootElement;
            Assert.Equal("1", histogram.GetProperty("data").GetProperty("result")[0].GetProperty("value")[1].GetString());
        }
        finally
        {
            prometheus.Kill();
            await prometheus.WaitForExitAsync();
        }
    }

    [Fact]
    public async Task Promtool_accepts_the_scraped_text()
    {
        ReconcileTelemetry.Record("promtool", "success", TimeSpan.FromMilliseconds(10));
        ClusterMetrics.Observe("kafka/promtool", new KafkaClusterStatus { ReadyBrokers = 3, Brokers = 3, Controllers = 3, ReadyControllers = 3 });
        using var http = silo.Client(TestSilo.ReadToken);
        await http.GetAsync("/api/v1/clusters");
        var text = await http.GetStringAsync("/metrics");

        var start = new ProcessStartInfo(Tool("promtool"), "check metrics")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var promtool = Process.Start(start)!;
        await promtool.StandardInput.WriteAsync(text);
        promtool.StandardInput.Close();
        var output = await promtool.StandardOutput.ReadToEndAsync() + await promtool.StandardError.ReadToEndAsync();
        await promtool.WaitForExitAsync();

        Assert.True(promtool.ExitCode == 0, $"promtool check metrics failed ({promtool.ExitCode}):\n{output}");
    }

    // Waits for an external process to get there; bounded, and says what it saw if it never does.
    private static async Task<string> PollAsync(Func<Task<string?>> probe, Process prometheus, System.Text.StringBuilder log)
    {
        var deadline = Stopwatch.StartNew();
        Exception? last = null;
        while (deadline.Elapsed < TimeSpan.FromSeconds(60))
        {
            Assert.False(prometheus.HasExited, $"prometheus exited: {log}");
            try
            {
                if (await probe() is { } value)
                {
                    return value;
                }
            }
            catch (HttpRequestException error)
            {
                last = error; // not listening yet
            }

            await Task.Delay(250);
        }

        Assert.Fail($"Prometheus never answered the query: {last?.Message}\n{log}");
        return "";
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
