using Actors.MembershipSilo;
using k8s;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans;
using Orleans.Runtime;

namespace Actors.GrainRuntime.Tests.Membership;

/// <summary>
/// One real Orleans silo in its own generic host (<see cref="MembershipSiloHost"/>) in the test's
/// process. Several form a cluster only through the membership ConfigMap on the emulator.
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
        var host = MembershipSiloHost.Build(client, MembershipApi.Namespace, clusterId, name, MembershipSiloHost.FreePort(), MembershipSiloHost.FreePort());
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
}
