using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans;
using Orleans.Runtime;

namespace Actors.Deploy.Tests.Monitoring;

/// <summary>
/// Starts a real Orleans silo for a moment, so that the instruments Orleans creates on its own
/// Meter (activations per grain class among them) are published to whoever listens, as they are
/// in the operator.
/// </summary>
public static class OrleansInstruments
{
    public static async Task PublishAsync()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();

        var builder = Host.CreateApplicationBuilder();
        builder.UseOrleans(silo => silo.UseLocalhostClustering(siloPort: port, gatewayPort: 0));
        using var host = builder.Build();
        await host.StartAsync();
        await host.Services.GetRequiredService<IGrainFactory>().GetGrain<IManagementGrain>(0).GetHosts();
        await host.StopAsync();
    }
}
