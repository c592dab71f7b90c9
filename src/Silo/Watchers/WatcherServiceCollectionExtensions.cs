using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace Actors.Silo.Watchers;

public static class WatcherServiceCollectionExtensions
{
    /// <summary>
    /// Hangs the watch forwarder on the operator's informers. Call after AddKafkaOperator, so the
    /// informers have synced (its hosted service starts first) before events are forwarded.
    /// </summary>
    public static IServiceCollection AddKafkaOperatorWatchers(this IServiceCollection services)
    {
        services.TryAddSingleton<ReconcileTrigger>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, ClusterWatchForwarder>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, ReplicaDeaths>());
        return services;
    }
}
