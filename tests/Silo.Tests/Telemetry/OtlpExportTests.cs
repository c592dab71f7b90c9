using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text;
using Actors.Silo.Telemetry;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Actors.Silo.Tests.Telemetry;

public sealed class OtlpExportTests
{
    [Theory]
    [InlineData(null, null, null, false, false)]
    [InlineData("http://collector:4317", null, null, true, true)]
    [InlineData(null, "http://collector:4318/v1/traces", null, true, false)]
    [InlineData(null, null, "http://collector:4318/v1/metrics", false, true)]
    public void An_exporter_is_on_when_its_endpoint_is_set(string? shared, string? traces, string? metrics, bool tracesOn, bool metricsOn)
    {
        var settings = new Dictionary<string, string?>
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = shared,
            ["OTEL_EXPORTER_OTLP_TRACES_ENDPOINT"] = traces,
            ["OTEL_EXPORTER_OTLP_METRICS_ENDPOINT"] = metrics,
        };

        Assert.Equal(new OtlpExport(tracesOn, metricsOn), OtlpExport.From(key => settings.GetValueOrDefault(key)));
    }

    [Fact]
    public void The_SDK_switch_and_none_exporters_turn_OTLP_off()
    {
        var disabled = new Dictionary<string, string?> { ["OTEL_EXPORTER_OTLP_ENDPOINT"] = "http://c:4317", ["OTEL_SDK_DISABLED"] = "true" };
        var noTraces = new Dictionary<string, string?> { ["OTEL_EXPORTER_OTLP_ENDPOINT"] = "http://c:4317", ["OTEL_TRACES_EXPORTER"] = "none" };

        Assert.Equal(new OtlpExport(false, false), OtlpExport.From(disabled.GetValueOrDefault));
        Assert.Equal(new OtlpExport(false, true), OtlpExport.From(noTraces.GetValueOrDefault));
    }

    [Fact]
    public async Task Spans_of_every_Actors_source_reach_the_collector_named_by_the_standard_variables()
    {
        var received = new ConcurrentQueue<(string Path, string ContentType, byte[] Body)>();
        var collector = await StartCollectorAsync(received);
        try
        {
            var spanName = $"reconcile kafka/otlp-{Guid.NewGuid():N}";

            using (var host = await StartOperatorTelemetryAsync(collector.Urls.Single()))
            {
                using var grains = new ActivitySource(Actors.Grains.Telemetry.ReconcileTelemetry.SourceName);
                grains.StartActivity(spanName)?.Dispose();
                await host.StopAsync(); // stopping the host flushes its exporters
            }

            var traces = received.Where(r => r.Path == "/v1/traces").ToList();
            Assert.NotEmpty(traces);
            Assert.All(traces, t => Assert.Equal("application/x-protobuf", t.ContentType));
            Assert.Contains(traces, t => Contains(t.Body, spanName) && Contains(t.Body, "actors-otlp-test"));
        }
        finally
        {
            await collector.StopAsync();
            await collector.DisposeAsync();
        }
    }

    [Fact]
    public async Task Operator_metrics_reach_the_collector_named_by_the_standard_variables()
    {
        var received = new ConcurrentQueue<(string Path, string ContentType, byte[] Body)>();
        var collector = await StartCollectorAsync(received);
        try
        {
            var controller = $"otlp-{Guid.NewGuid():N}";

            using (var host = await StartOperatorTelemetryAsync(collector.Urls.Single()))
            {
                Actors.Grains.Telemetry.ReconcileTelemetry.Record(controller, "success", TimeSpan.FromMilliseconds(5));
                await host.StopAsync();
            }

            var metrics = received.Where(r => r.Path == "/v1/metrics").ToList();
            Assert.Contains(metrics, m => Contains(m.Body, "reconcile_total") && Contains(m.Body, controller));
        }
        finally
        {
            await collector.StopAsync();
            await collector.DisposeAsync();
        }
    }

    // A host with nothing but the operator's telemetry, configured as the environment would.
    private static async Task<IHost> StartOperatorTelemetryAsync(string collector)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = "Testing" });
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = collector,
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
            ["OTEL_SERVICE_NAME"] = "actors-otlp-test",
        });
        builder.Services.AddOperatorTelemetry(builder.Configuration);
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }

    private static bool Contains(byte[] body, string text) => body.AsSpan().IndexOf(Encoding.UTF8.GetBytes(text)) >= 0;

    // A stand-in OTLP/HTTP collector: accepts every export and keeps what it was sent.
    private static async Task<WebApplication> StartCollectorAsync(ConcurrentQueue<(string, string, byte[])> received)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        app.MapPost("/v1/{signal}", async (HttpRequest request) =>
        {
            using var body = new MemoryStream();
            await request.Body.CopyToAsync(body);
            received.Enqueue((request.Path.Value!, request.ContentType ?? "", body.ToArray()));
            return Results.Bytes([], "application/x-protobuf");
        });
        await app.StartAsync();
        return app;
    }
}
