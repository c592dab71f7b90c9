using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Actors.Grains.Hosting;

/// <summary>
/// The operator's grains in an Orleans silo of their own host: the operator's services
/// (<see cref="KafkaOperatorServiceCollectionExtensions.AddKafkaOperator"/>) and one silo with
/// localhost clustering on a free loopback port. No gateway: nothing outside the process calls the
/// grains (the APIs read the Kubernetes API; the watch forwarder runs beside the grains).
/// </summary>
public static class KafkaOperatorSilo
{
    /// <summary>The Orleans service and cluster id of a single operator silo.</summary>
    public const string ServiceId = "kafka-operator";

    public static IHostApplicationBuilder AddKafkaOperatorSilo(this IHostApplicationBuilder builder, Action<KafkaOperatorOptions>? configure = null)
    {
        builder.Services.AddKafkaOperator(configure);
        builder.UseOrleans(silo =>
        {
            silo.UseLocalhostClustering(siloPort: FreeLoopbackPort(), gatewayPort: 0, serviceId: ServiceId, clusterId: ServiceId);
            silo.AddActivityPropagation();
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
