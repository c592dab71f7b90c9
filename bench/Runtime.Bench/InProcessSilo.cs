using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Actors.Runtime.Bench;

/// <summary>
/// One Orleans silo in this process with localhost clustering. Calls through its own
/// <see cref="IGrainFactory"/> reach the grains without a network hop, as the operator's do.
/// </summary>
public sealed class InProcessSilo : IAsyncDisposable
{
    private readonly IHost _host;

    private InProcessSilo(IHost host) => _host = host;

    public IGrainFactory Grains => _host.Services.GetRequiredService<IGrainFactory>();

    public static async Task<InProcessSilo> StartAsync()
    {
        // Orleans refuses port 0, and other jobs on this machine may hold the defaults.
        var (siloPort, gatewayPort) = TwoFreePorts();
        var host = Host.CreateDefaultBuilder()
            .ConfigureLogging(logging => logging.SetMinimumLevel(LogLevel.Warning))
            .UseOrleans(silo => silo.UseLocalhostClustering(siloPort, gatewayPort))
            .Build();
        await host.StartAsync();
        return new InProcessSilo(host);
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }

    // Both listeners are open at once so that the system cannot hand out the same port twice.
    private static (int, int) TwoFreePorts()
    {
        using var first = Listen();
        using var second = Listen();
        return (((IPEndPoint)first.LocalEndpoint).Port, ((IPEndPoint)second.LocalEndpoint).Port);

        static TcpListener Listen()
        {
            var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            return listener;
        }
    }
}
