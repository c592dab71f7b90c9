using Actors.Grains.Broker;
using Actors.Grains.Cluster;
using Actors.Grains.Coordinator;
using Actors.Grains.Events;
using Actors.Grains.State;
using Actors.Kubernetes;
using Actors.Runtime;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Actors.Grains.Hosting;

public static class KafkaOperatorServiceCollectionExtensions
{
    /// <summary>
    /// The Kafka operator on the actor runtime: the three grains, the coordinator's state storage in
    /// ConfigMaps (registered as <see cref="KafkaOperatorOptions.StateStorageName"/>), the default
    /// <see cref="ReadinessHealthGate"/> (register another <see cref="IHealthGate"/> first to replace it),
    /// the informers, the Event recorder, and a hosted service that installs the CRD (when
    /// <see cref="KafkaOperatorOptions.InstallCrd"/>) and syncs the caches. Needs a
    /// <see cref="KubernetesClient"/> singleton. Watch forwarding lives in the silo (AddKafkaOperatorWatchers).
    /// </summary>
    public static ActorRuntimeBuilder AddKafkaOperator(this IServiceCollection services, Action<KafkaOperatorOptions>? configure = null)
    {
        var optionsBuilder = services.AddOptions<KafkaOperatorOptions>();
        if (configure is not null) optionsBuilder.Configure(configure);
        services.TryAddSingleton(sp => sp.GetRequiredService<IOptions<KafkaOperatorOptions>>().Value);

        var runtime = services.AddActorRuntime();
        runtime.AddGrain<Contracts.Grains.IKafkaClusterGrain, KafkaClusterGrain>();
        runtime.AddGrain<ICoordinatorGrain, CoordinatorGrain>();
        runtime.AddGrain<IBrokerGrain, BrokerGrain>();
        runtime.AddGrainStorage(KafkaOperatorOptions.KubernetesStorageName, sp => new KubernetesGrainStorage(
            sp.GetRequiredService<KubernetesClient>(),
            new ClusterStateLocator(sp.GetRequiredService<KubernetesClient>()),
            sp.GetRequiredService<KafkaOperatorOptions>().FieldManager));

        services.TryAddSingleton<IHealthGate, ReadinessHealthGate>();
        services.TryAddSingleton<NodeObserver>();
        services.TryAddSingleton<ClusterEventRecorder>();
        services.TryAddSingleton<OperatorInformers>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, OperatorStartup>());
        return runtime;
    }
}
