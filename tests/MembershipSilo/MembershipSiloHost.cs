using System.Net;
using System.Net.Sockets;
using Actors.Storage.Membership;
using k8s;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using Orleans.Hosting;

namespace Actors.MembershipSilo;

/// <summary>
/// One silo as an operator replica runs it: its own loopback ports, Kubernetes clustering in
/// <paramref name="namespace"/>, the operator's liveness settings, nothing else.
/// </summary>
public static class MembershipSiloHost
{
    public const string ServiceId = "kafka-operator";

    public static IHost Build(IKubernetes client, string @namespace, string clusterId, string siloName, int siloPort, int gatewayPort)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddSingleton(client);
        builder.UseOrleans(silo => silo
            .Configure<ClusterOptions>(o => (o.ClusterId, o.ServiceId) = (clusterId, ServiceId))
            .Configure<SiloOptions>(o => o.SiloName = siloName)
            .Configure<ClusterMembershipOptions>(OperatorLiveness.Apply)
            .ConfigureEndpoints(IPAddress.Loopback, siloPort, gatewayPort)
            .UseKubernetesClustering(o => o.Namespace = @namespace));
        return builder.Build();
    }

    /// <summary>A loopback port that is free now: Orleans refuses port 0, and a port the OS just handed out and released is free in practice.</summary>
    public static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
