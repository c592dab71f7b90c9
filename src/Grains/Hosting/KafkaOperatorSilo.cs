using System.Net;
using System.Net.Sockets;
using Actors.Grains.Placement;
using Actors.Storage.Membership;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;

namespace Actors.Grains.Hosting;

/// <summary>
/// The operator's grains in an Orleans silo of their own host: the operator's services
/// (<see cref="KafkaOperatorServiceCollectionExtensions.AddKafkaOperator"/>) and one silo, alone on
/// a free loopback port or one of the replicas' cluster (<see cref="SiloClustering"/>). No gateway:
/// no Orleans client outside a silo calls the grains (the APIs read the Kubernetes API; the watch
/// forwarder runs beside the grains in every silo).
/// </summary>
public static class KafkaOperatorSilo
{
    /// <summary>The Orleans service and cluster id of a single operator silo.</summary>
    public const string ServiceId = "kafka-operator";

    /// <summary>Entries of Orleans' directory cache (its default is 1,000,000).</summary>
    public const int DirectoryCacheSize = 65_536;

    public static IHostApplicationBuilder AddKafkaOperatorSilo(this IHostApplicationBuilder builder, Action<KafkaOperatorOptions>? configure = null,
        SiloClustering? clustering = null)
    {
        builder.Services.AddKafkaOperator(configure);
        builder.UseOrleans(silo =>
        {
            if (clustering is SiloClustering.Kubernetes shared)
            {
                silo.Configure<ClusterOptions>(o => (o.ClusterId, o.ServiceId) = (shared.ClusterId, ServiceId))
                    .Configure<SiloOptions>(o => o.SiloName = shared.SiloName)
                    .Configure<ClusterMembershipOptions>(OperatorLiveness.Apply)
                    .Configure<EndpointOptions>(o =>
                    {
                        o.AdvertisedIPAddress = shared.Advertised.Address;
                        o.SiloPort = shared.Advertised.Port;
                        o.GatewayPort = 0;
                        // Loopback (tests, several replicas on one machine) listens where it advertises; a pod on all its interfaces.
                        o.SiloListeningEndpoint = new IPEndPoint(IPAddress.IsLoopback(shared.Advertised.Address) ? shared.Advertised.Address : IPAddress.Any,
                            shared.Advertised.Port);
                    })
                    .UseKubernetesClustering(o => o.Namespace = shared.Namespace);
            }
            else
            {
                silo.UseLocalhostClustering(siloPort: FreeLoopbackPort(), gatewayPort: 0, serviceId: ServiceId, clusterId: ServiceId);
            }
            silo.AddActivityPropagation();
            // Orleans presizes its cache of other silos' directory entries for 1,000,000 grains
            // (18.7 MB whatever the fleet). The operator has 8 grains per KafkaCluster: 65,536
            // entries cover 8,000 clusters, and a miss beyond that costs a directory lookup, not a
            // wrong answer.
            silo.Configure<GrainDirectoryOptions>(o => o.CacheSize = DirectoryCacheSize);
            // A cluster's grains on its home replica, and moved there when the Active replicas change.
            silo.Services.AddPlacementDirector<ClusterHomePlacement, ClusterHomeDirector>();
            silo.Services.AddHostedService<ClusterHandover>();
            // Grain timers follow the clock the operator is given (a test's fake one, say); Orleans'
            // own loops (membership, collection, response timeouts) stay on real time whatever it is.
            silo.Services.AddKeyedSingleton(KeyedService.AnyKey, (_, _) => TimeProvider.System);
            silo.Services.AddKeyedSingleton(TimeProviderNames.Grains, static (sp, _) => sp.GetRequiredService<TimeProvider>());
        });
        return builder;
    }

    /// <summary>A port nobody listens on now; the silo binds it a moment later.</summary>
    private static int FreeLoopbackPort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}
