using System.Net;
using System.Net.Sockets;
using Actors.Storage.Membership;
using k8s;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans;
using Orleans.Configuration;
using Orleans.Hosting;
using Orleans.Runtime;

namespace Actors.GrainRuntime.Tests.Membership;

/// <summary>
/// One real Orleans silo in its own generic host, as an operator replica runs it: its own loopback
/// ports, Kubernetes clustering on the emulator, the operator's liveness settings. Several in one
/// process form a cluster only through the membership ConfigMap.
/// </summary>
public sealed class ClusteredSilo : IAsyncDisposable
{
    private readonly IHost host;
    private bool stopped;

    private ClusteredSilo(IHost host) => this.host = host;

    public SiloAddress Address => host.Services.GetRequiredService<ILocalSiloDetails>().SiloAddress;

    /// <summary>The silos this one believes Active, asked of the cluster's management grain.</summary>
    public async Task<IReadOnlyCollection<SiloAddress>> ActiveSilosAsync()
    {
        var hosts = await host.Services.GetRequiredService<IGrainFactory>().GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true);
        return hosts.Keys;
    }

    public static async Task<ClusteredSilo> StartAsync(IKubernetes client, string clusterId, string name)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddSingleton(client);
        builder.UseOrleans(silo => silo
            .Configure<ClusterOptions>(o => (o.ClusterId, o.ServiceId) = (clusterId, "kafka-operator"))
            .Configure<SiloOptions>(o => o.SiloName = name)
            .Configure<ClusterMembershipOptions>(OperatorLiveness.Apply)
            .ConfigureEndpoints(IPAddress.Loopback, FreePort(), FreePort())
            .UseKubernetesClustering(o => o.Namespace = MembershipApi.Namespace));
        var host = builder.Build();
        await host.StartAsync().WaitAsync(Eventually.Limit);
        return new ClusteredSilo(host);
    }

    /// <summary>A graceful stop: the silo leaves the cluster and hands its grains over.</summary>
    public async Task StopAsync()
    {
        stopped = true;
        await host.StopAsync().WaitAsync(Eventually.Limit);
    }

    public async ValueTask DisposeAsync()
    {
        if (!stopped) await host.StopAsync(new CancellationToken(canceled: true)).WaitAsync(Eventually.Limit);
        host.Dispose();
    }

    // Orleans refuses port 0; a port the OS just handed out and released is free in practice.
    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
