using Actors.Contracts.Grains;
using Actors.Grains.Cluster;
using Actors.Grains.Hosting;
using Actors.Grains.Unreadable;
using Actors.Kubernetes;
using Orleans;
using k8s;
using k8s.Models;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Actors.Grains.Tests.Unreadable;

/// <summary>
/// The grains layer running against the emulator: the actor runtime, the grains, the informers, and
/// a stand-in for the silo's watch forwarder (src/Silo is ported separately) that does what the
/// silo's must — wake a cluster's grain on its events, an unreadable one's too (its grain reports it
/// through <see cref="UnreadableClusterReporter"/>), including those the first list already skipped.
/// </summary>
internal sealed class OperatorOverEmulator : IAsyncDisposable
{
    private readonly IHost _host;

    private OperatorOverEmulator(IHost host) => _host = host;

    public IGrainFactory Grains => _host.Services.GetRequiredService<IGrainFactory>();

    public IServiceProvider Services => _host.Services;

    public static async Task<OperatorOverEmulator> StartAsync(k8s.Kubernetes client, string @namespace, Action<KafkaOperatorOptions>? configure = null)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Services.AddSingleton(client);
        builder.Services.AddSingleton<IKubernetes>(client);
        builder.AddKafkaOperatorSilo(options =>
        {
            options.Namespaces = [@namespace];
            options.RequeueInterval = TimeSpan.FromMilliseconds(100);
            options.ResyncPeriod = TimeSpan.FromSeconds(30);
            configure?.Invoke(options);
        });
        builder.Services.AddSingleton<IHostedService, Forwarder>();
        var host = builder.Build();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await host.StartAsync(timeout.Token);
        return new OperatorOverEmulator(host);
    }

    public async ValueTask DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await _host.StopAsync(timeout.Token);
        _host.Dispose();
    }

    private sealed class Forwarder(OperatorInformers informers, IGrainFactory grains, UnreadableClusterReporter unreadable) : IHostedService, IInformerHandler<KafkaCluster>
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            informers.Clusters.AddHandler(this);
            // Skipped by the list before this handler was there: the informer keeps them.
            foreach (var item in informers.Clusters.Undecodable) WakeUnreadable(item);
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public ValueTask OnAddAsync(KafkaCluster item, CancellationToken cancellationToken) => Wake(item);

        public ValueTask OnUpdateAsync(KafkaCluster old, KafkaCluster current, CancellationToken cancellationToken) => Wake(current);

        public ValueTask OnDeleteAsync(KafkaCluster item, CancellationToken cancellationToken) => Wake(item);

        public ValueTask OnUndecodableAsync(UndecodableObject item, CancellationToken cancellationToken) => WakeUnreadable(item);

        private ValueTask WakeUnreadable(UndecodableObject item)
        {
            if (item.Deleted && item.Uid is { } uid) unreadable.Forget(uid);
            return Wake($"{item.Namespace}/{item.Name}");
        }

        private ValueTask Wake(KafkaCluster cluster) => Wake($"{cluster.Metadata.NamespaceProperty}/{cluster.Metadata.Name}");

        private ValueTask Wake(string key)
        {
            var grain = grains.GetGrain<IKafkaClusterGrain>(key);
            _ = Task.Run(async () =>
            {
                try { await grain.WakeAsync(); }
                catch (Exception) { /* the grain retries on its own schedule */ }
            });
            return ValueTask.CompletedTask;
        }
    }
}
