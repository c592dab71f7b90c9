using System.Net;
using Actors.Contracts.Api;
using Actors.Silo.Api;
using Actors.Silo.Grpc;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Actors.Silo.Tests.Fakes;

/// <summary>
/// The operator's endpoints composed exactly as the host composes them
/// (<see cref="OperatorEndpoints"/>), on Kestrel at 127.0.0.1 with two free ports — HTTP and
/// gRPC (h2c) — over a <see cref="FakeClusterOperations"/> and a manual clock.
/// </summary>
public sealed class TestSilo : IAsyncDisposable
{
    public const string ReadToken = "read-token-0123";
    public const string AdminToken = "admin-token-4567";

    private readonly WebApplication app;

    private TestSilo(WebApplication app, FakeClusterOperations clusters, WatchedTimeProvider time, Uri http, Uri grpc)
    {
        this.app = app;
        Clusters = clusters;
        Time = time;
        Http = http;
        Grpc = grpc;
    }

    public FakeClusterOperations Clusters { get; }
    public WatchedTimeProvider Time { get; }
    public Uri Http { get; }
    public Uri Grpc { get; }
    public IServiceProvider Services => app.Services;

    public static async Task<TestSilo> StartAsync(
        Action<ClusterApiOptions>? configure = null, IDictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null)
    {
        var clusters = new FakeClusterOperations();
        var time = new WatchedTimeProvider();
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = "Testing" });
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(settings ?? new Dictionary<string, string?>());
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.ListenOperatorEndpoints(IPAddress.Loopback, httpPort: 0, grpcPort: 0));
        builder.AddOperatorEndpoints(options =>
        {
            options.ReadTokens.Add(ReadToken);
            options.AdminTokens.Add(AdminToken);
            configure?.Invoke(options);
        });
        builder.Services.AddSingleton<IClusterOperations>(clusters);
        builder.Services.AddSingleton<TimeProvider>(time);
        services?.Invoke(builder.Services);

        var app = builder.Build();
        app.MapOperatorEndpoints();
        await app.StartAsync();

        // Kestrel reports bound addresses in the order the listeners were declared: HTTP, then gRPC.
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.ToList();
        return new TestSilo(app, clusters, time, new Uri(addresses[0]), new Uri(addresses[1]));
    }

    /// <summary>An HttpClient for the HTTP port, with the given bearer token if any.</summary>
    public HttpClient Client(string? token = null)
    {
        var client = new HttpClient { BaseAddress = Http, Timeout = TimeSpan.FromSeconds(60) };
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new("Bearer", token);
        }

        return client;
    }

    /// <summary>Stops the host as a shutdown would (open streams are ended).</summary>
    public Task StopAsync() => app.StopAsync();

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
