using Actors.Grains.State;
using Actors.Storage.GrainState;
using k8s;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Orleans.Configuration;
using Orleans.TestingHost;

namespace Actors.GrainRuntime.Tests.Support;

/// <summary>
/// One real Orleans silo in process (TestingHost) with the test grains, a fake clock that drives
/// grain timers (Orleans' own background loops stay on real time), a journal and gates the grains
/// share with the test, and — given a Kubernetes client — the Kubernetes grain storage under the
/// name the operator uses.
/// </summary>
public sealed class OrleansSilo : IAsyncDisposable
{
    public const string StorageName = "kubernetes";

    private readonly InProcessTestCluster cluster;

    private OrleansSilo(InProcessTestCluster cluster) => this.cluster = cluster;

    public FakeTimeProvider Clock { get; } = new(TestTime.Start);
    public Journal Journal { get; } = new();
    public Gates Gates { get; } = new();
    public IClusterClient Client => cluster.Client;

    public T Get<T>(string key) where T : IGrainWithStringKey => Client.GetGrain<T>(key);

    /// <param name="responseTimeout">How long a call may wait for its answer; Orleans' default (30 s) when null.</param>
    /// <param name="kubernetes">The API the grain storage writes to; no storage when null.</param>
    public static async Task<OrleansSilo> StartAsync(TimeSpan? responseTimeout = null, IKubernetes? kubernetes = null)
    {
        OrleansSilo? silo = null;
        var builder = new InProcessTestClusterBuilder(1);
        builder.ConfigureSilo((_, siloBuilder) =>
        {
            var services = siloBuilder.Services;
            services.AddSingleton<TimeProvider>(silo!.Clock);
            services.UseTimeProviderForBackgroundAreas(TimeProvider.System);
            services.AddSingleton(silo.Journal);
            services.AddSingleton(silo.Gates);
            if (responseTimeout is { } timeout) siloBuilder.Configure<SiloMessagingOptions>(o => o.ResponseTimeout = timeout);
            if (kubernetes is not null)
            {
                services.AddSingleton(kubernetes);
                services.AddKubernetesGrainStorage(StorageName, sp => new ClusterStateLocator(sp.GetRequiredService<IKubernetes>()), "grain-runtime-tests");
            }
        });
        var cluster = builder.Build();
        silo = new OrleansSilo(cluster);
        await cluster.DeployAsync().Within();
        return silo;
    }

    public async ValueTask DisposeAsync() => await cluster.DisposeAsync();
}
