using System.Text.Json.Nodes;
using Actors.Silo.Hosting;
using Actors.Silo.Tests.Support;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Actors.Silo.Tests.Watchers;

/// <summary>The silo as the product composes it (SiloHost) shows its operator's watches in /readyz.</summary>
public sealed class SiloWatchesReadinessTests : IAsyncLifetime
{
    private EmulatedCluster cluster = null!;

    public async Task InitializeAsync()
    {
        cluster = await EmulatedCluster.StartAsync("kafka");
        await new CustomResourceInstaller(cluster.Client()).InstallAsync(TimeSpan.FromSeconds(30), CancellationToken.None);
    }

    public async Task DisposeAsync() => await cluster.DisposeAsync();

    [Fact]
    public async Task Readyz_lists_the_watches_of_the_running_operator_and_is_ready_while_they_hear_from_the_api_server()
    {
        await using var silo = SiloHost.Build(new SiloSetup
        {
            Options = new SiloOptions
            {
                WatchNamespaces = ["kafka"],
                HttpAddress = new HostAddress("127.0.0.1", System.Net.IPAddress.Loopback, 0),
                GrpcAddress = new HostAddress("127.0.0.1", System.Net.IPAddress.Loopback, 0),
            },
            Client = cluster.Client(),
            Tokens = ApiTokens.None,
        });
        await silo.StartAsync();
        var address = silo.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        using var http = new HttpClient { BaseAddress = new Uri(address) };

        var last = "";
        await Eventually.UntilAsync(async () =>
        {
            last = await http.GetStringAsync("/readyz");
            return JsonNode.Parse(last)!["checks"]!.AsArray()
                .Any(c => (string?)c!["name"] == "watches" && (bool?)c["ready"] == true && (string?)c["detail"] == "6 watches current");
        }, "/readyz shows the operator's four watches as current");

        Assert.Equal("ready", (string?)JsonNode.Parse(last)!["status"]);
        await silo.StopAsync();
    }
}
