using Actors.Contracts.Grains;
using Actors.EndToEnd.Tests.Harness;
using Actors.Grains.Hosting;
using Actors.Grains.Rejections;
using Actors.Kubernetes;
using Orleans;
using Actors.Silo.Watchers;
using k8s;
using k8s.Models;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Actors.EndToEnd.Tests.Rejections;

/// <summary>
/// An operator against the emulator, composed as the silo composes it, on a <see cref="ShiftedClock"/>
/// and with a back-off long enough (minutes) that only the clock's jumps, never the test's pace,
/// decide when a refused step is tried again.
/// </summary>
public sealed class RejectingApi : IAsyncDisposable
{
    public static readonly RetryBackoff Backoff = new(TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(40));

    private readonly IHost _host;

    private RejectingApi(ApiUnderTest api, IHost host, ShiftedClock clock, CapturedLog log)
    {
        Api = api;
        _host = host;
        Clock = clock;
        Log = log;
    }

    public ApiUnderTest Api { get; }
    public ShiftedClock Clock { get; }
    public CapturedLog Log { get; }
    public string Namespace => Api.Namespace;

    public static async Task<RejectingApi> StartAsync(ApiUnderTest api, ITestOutputHelper output)
    {
        var clock = new ShiftedClock();
        var log = new CapturedLog();
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Logging.SetMinimumLevel(LogLevel.Information);
        builder.Logging.AddProvider(new TestOutputLoggerProvider(output));
        builder.Logging.AddProvider(log);
        builder.Services.AddSingleton<TimeProvider>(clock);
        builder.Services.AddSingleton(_ => ApiUnderTest.Connect(api.KubeconfigPath));
        builder.Services.AddSingleton<IKubernetes>(provider => provider.GetRequiredService<k8s.Kubernetes>());
        builder.AddKafkaOperatorSilo(options =>
        {
            options.Namespaces = [api.Namespace];
            options.InstallCrd = true;
            options.RequeueInterval = TimeSpan.FromMilliseconds(100);
            options.ResyncPeriod = TimeSpan.FromSeconds(30);
            options.RejectedStepBackoff = Backoff;
        });
        builder.Services.AddKafkaOperatorWatchers();
        var rejecting = new RejectingApi(api, builder.Build(), clock, log);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await rejecting._host.StartAsync(timeout.Token);
        return rejecting;
    }

    /// <summary>One reconcile pass of the cluster, awaited: what a watch event or a timer would start.</summary>
    public Task ReconcileAsync() =>
        _host.Services.GetRequiredService<IGrainFactory>().GetGrain<IKafkaClusterGrain>($"{Namespace}/{Specs.ClusterName}").ReconcileAsync();

    public async Task<IReadOnlyList<Corev1Event>> WarningsAsync(string reason) =>
        [.. (await Api.Client.CoreV1.ListNamespacedEventAsync(Namespace)).Items.Where(e => e.Type == "Warning" && e.Reason == reason)];

    /// <summary>The scenario's KafkaClusters through the test's own client.</summary>
    public KafkaClusters Clusters => new(Api.Client);

    public async ValueTask DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await _host.StopAsync(timeout.Token);
        _host.Services.GetRequiredService<k8s.Kubernetes>().Dispose();
        _host.Dispose();
        await Api.DisposeAsync();
    }
}
