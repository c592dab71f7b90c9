using System.Net;
using Actors.Silo.Telemetry;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenTelemetry.Metrics;

namespace Actors.Deploy.Tests.Monitoring;

/// <summary>
/// The silo's telemetry and its /metrics endpoint, wired by the silo's own
/// <see cref="OperatorTelemetryServices"/>, on a free loopback port, and nothing else.
/// </summary>
public sealed class OperatorMetricsHost : IAsyncDisposable
{
    private readonly WebApplication app;

    private OperatorMetricsHost(WebApplication app, Uri address) => (this.app, Address) = (app, address);

    public Uri Address { get; }

    /// <param name="extraMeters">Further meters to export, as the silo exports "Actors".</param>
    public static async Task<OperatorMetricsHost> StartAsync(params string[] extraMeters)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = "Testing" });
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        builder.Services.AddOperatorTelemetry(new ConfigurationBuilder().Build());
        builder.Services.AddOpenTelemetry().WithMetrics(metrics => metrics.AddMeter(extraMeters));
        var app = builder.Build();
        app.MapPrometheusMetrics();
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new OperatorMetricsHost(app, new Uri(address));
    }

    public async Task<string> ScrapeAsync()
    {
        using var http = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(30) };
        return await http.GetStringAsync(OperatorTelemetryServices.MetricsPath);
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
