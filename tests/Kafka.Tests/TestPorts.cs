using System.Net;
using System.Net.Sockets;

namespace Actors.Kafka.Tests;

internal static class TestPorts
{
    /// <summary>A loopback port nobody listens on (it was free a moment ago): connecting is refused.</summary>
    public static int Unused()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
