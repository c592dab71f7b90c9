using Actors.Grains.Broker;
using Actors.Grains.Cluster;
using Actors.Grains.Coordinator;
using Actors.Grains.Events;
using Actors.Grains.KafkaSafety;
using Actors.Grains.State;
using Actors.Grains.Unreadable;
using Actors.Kubernetes;
using Actors.Storage.GrainState;
using Orleans.Runtime.Hosting;
using k8s;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Actors.Grains.Hosting;

public static class KafkaOperatorServiceCollectionExtensions
{
    /// <summary>
    /// The Kafka operator's services in an Orleans silo's container (the grains themselves Orleans finds
    /// in this assembly): the coordinator's state storage in
    /// ConfigMaps (registered as <see cref="KafkaOperatorOptions.StateStorageName"/>), the default
    /// <see cref="ReadinessHealthGate"/>, or the <see cref="KafkaHealthGate"/> when <see cref="KafkaOperatorOptions.KafkaChecks"/>
    /// (register another <see cref="IHealthGate"/> first to replace either),
    /// the informers, the Event recorder, and a hosted service that installs the CRD (when
    /// <see cref="KafkaOperatorOptions.InstallCrd"/>) and syncs the caches. Needs a
    /// <see cref="k8s.Kubernetes"/> singleton (the informers need the concrete client) and an
    /// <see cref="IKubernetes"/> singleton for the verbs, the same instance. Watch forwarding lives in
    /// the silo (AddKafkaOperatorWatchers); it wakes the grain of a KafkaCluster the operator cannot
    /// read too, which reports it through <see cref="UnreadableClusterReporter"/>.
    /// </summary>
    public static IServiceCollection AddKafkaOperator(this IServiceCollection services, Action<KafkaOperatorOptions>? configure = null)
    {
        var optionsBuilder = services.AddOptions<KafkaOperatorOptions>();
        if (configure is not null) optionsBuilder.Configure(configure);
        services.TryAddSingleton(sp => sp.GetRequiredService<IOptions<KafkaOperatorOptions>>().Value);

        services.AddGrainStorage(KafkaOperatorOptions.KubernetesStorageName, (sp, _) => new KubernetesGrainStorage(
            sp.GetRequiredService<IKubernetes>(),
            new ClusterStateLocator(sp.GetRequiredService<IKubernetes>()),
            new StoredStateJson(),
            sp.GetRequiredService<KafkaOperatorOptions>().FieldManager));

        services.TryAddSingleton<KafkaHealthGate>();
        services.TryAddSingleton<IHealthGate>(sp => sp.GetRequiredService<KafkaOperatorOptions>().KafkaChecks
            ? sp.GetRequiredService<KafkaHealthGate>()
            : new ReadinessHealthGate());
        services.TryAddSingleton<NodeObserver>();
        services.TryAddSingleton<ClusterEventRecorder>();
        services.TryAddSingleton<KafkaClusterReader>();
        services.TryAddSingleton<ReconcileSlots>();
        services.TryAddSingleton<Placement.ClusterResidents>();
        services.TryAddSingleton<UnreadableClusterReporter>();
        services.TryAddSingleton<OperatorInformers>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, OperatorStartup>());
        services.AddSingleton<IIncomingGrainCallFilter, Telemetry.GrainCallMetrics>();
        return services;
    }
}
