using System.Text.Json.Nodes;
using Actors.Silo.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Actors.Silo.Tests.LeaderElection;

/// <summary>
/// Two silos composed as the product composes them (SiloHost, --leader-elect) against one
/// emulator, on the real clock: /readyz says who leads, and a leader that stops hands over.
/// </summary>
public sealed class ElectedSilosTests : IAsyncLifetime
{
    private EmulatedCluster cluster = null!;
    private readonly List<WebApplication> silos = [];

    public async Task InitializeAsync()
    {
        cluster = await EmulatedCluster.StartAsync();
        await new CustomResourceInstaller(cluster.Client()).InstallAsync(TimeSpan.FromSeconds(30), CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        foreach (var silo in silos) await silo.DisposeAsync();
        await cluster.DisposeAsync();
    }

    [Fact]
    public async Task Readyz_names_the_leader_on_both_replicas_and_a_stopping_leader_hands_over()
    {
        var (a, aClient) = await StartAsync("silo-a");
        await UntilReadyzSaysAsync(aClient, "leading as silo-a");
        var (b, bClient) = await StartAsync("silo-b");
        await UntilReadyzSaysAsync(bClient, "standing by as silo-b; silo-a leads");

        using (var stop = new CancellationTokenSource(Eventually.Limit)) await a.StopAsync(stop.Token);

        await UntilReadyzSaysAsync(bClient, "leading as silo-b");
    }

    private async Task<(WebApplication Silo, HttpClient Http)> StartAsync(string identity)
    {
        var silo = SiloHost.Build(new SiloSetup
        {
            Options = new SiloOptions
            {
                LeaderElect = true,
                HttpAddress = new HostAddress("127.0.0.1", System.Net.IPAddress.Loopback, 0),
                GrpcAddress = new HostAddress("127.0.0.1", System.Net.IPAddress.Loopback, 0),
            },
            Client = cluster.Client(),
            Tokens = ApiTokens.None,
            LeaseNamespace = "kube-system",
            Identity = identity,
        });
        silos.Add(silo);
        await silo.StartAsync();
        var http = silo.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return (silo, new HttpClient { BaseAddress = new Uri(http), Timeout = TimeSpan.FromSeconds(30) });
    }

    private static async Task UntilReadyzSaysAsync(HttpClient client, string detail)
    {
        var deadline = DateTime.UtcNow + Eventually.Limit;
        var last = "";
        while (true)
        {
            last = await client.GetStringAsync("/readyz");
            var checks = JsonNode.Parse(last)!["checks"]!.AsArray();
            if (checks.Any(c => (string?)c!["name"] == "leader-election" && (string?)c["detail"] == detail)) return;
            if (DateTime.UtcNow > deadline) Assert.Fail($"/readyz never said '{detail}'; last: {last}");
            await Task.Delay(50);
        }
    }
}
