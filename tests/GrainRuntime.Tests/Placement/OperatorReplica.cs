using System.Net;
using Actors.Grains.Hosting;
using Actors.GrainRuntime.Tests.Membership;
using Actors.MembershipSilo;
using k8s;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans;
using Orleans.Runtime;

namespace Actors.GrainRuntime.Tests.Placement;

/// <summary>
/// The operator's grains in a silo of an operator cluster, as a replica runs them (the grains, their
/// placement and handover, the informers), in the test's process; several share one cluster through
/// the membership ConfigMap on the emulator. No watch forwarding: the test calls the grains.
/// </summary>
internal sealed class OperatorReplica : IAsyncDisposable
{
    private readonly IHost host;

    private OperatorReplica(IHost host) => this.host = host;

    public SiloAddress Address => host.Services.GetRequiredService<ILocalSiloDetails>().SiloAddress;

    public IGrainFactory Grains => host.Services.GetRequiredService<IGrainFactory>();

    public static async Task<OperatorReplica> StartAsync(k8s.Kubernetes client, string clusterId, string name, bool installCrd)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Services.AddSingleton(client);
        builder.Services.AddSingleton<IKubernetes>(client);
        builder.AddKafkaOperatorSilo(options =>
        {
            options.Namespaces = [MembershipApi.Namespace];
            options.InstallCrd = installCrd;
        }, new SiloClustering.Kubernetes(MembershipApi.Namespace, clusterId, new IPEndPoint(IPAddress.Loopback, MembershipSiloHost.FreePort()), name));
        var host = builder.Build();
        await host.StartAsync().WaitAsync(Eventually.Limit);
        return new OperatorReplica(host);
    }

    /// <summary>Where the grains of the operator's three kinds are active, as the cluster's management grain reports it.</summary>
    public async Task<IReadOnlyList<(GrainId Grain, SiloAddress Silo)>> ActivationsAsync()
    {
        var all = await Grains.GetGrain<IManagementGrain>(0).GetDetailedGrainStatistics();
        return [.. all.Where(s => s.GrainId.Type.ToString() is "kafkacluster" or "coordinator" or "node").Select(s => (s.GrainId, s.SiloAddress))];
    }

    public async Task<IReadOnlyCollection<SiloAddress>> ActiveSilosAsync() =>
        (await Grains.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true)).Keys;

    public async ValueTask DisposeAsync()
    {
        using var limit = new CancellationTokenSource(Eventually.Limit);
        try
        {
            await host.StopAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
        }
        host.Dispose();
    }
}
