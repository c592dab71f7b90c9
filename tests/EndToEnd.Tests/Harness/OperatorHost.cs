using Actors.Grains.Coordinator;
using Actors.Grains.Hosting;
using Actors.Kubernetes;
using Actors.Silo.Watchers;
using k8s;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Actors.EndToEnd.Tests.Harness;

/// <summary>
/// One running operator: the actor runtime, the grains, the informers and the watch forwarder,
/// composed the way the silo composes them. Disposing it stops the runtime (every grain
/// deactivates), as an operator pod being killed would; a new one picks up from the API.
/// </summary>
public sealed class OperatorHost : IAsyncDisposable
{
    private readonly IHost _host;

    private OperatorHost(IHost host) => _host = host;

    public IServiceProvider Services => _host.Services;

    /// <param name="configure">Options of the scenario's own, applied after the harness's (the namespace is set by then).</param>
    /// <param name="logs">Also receives the operator's log lines.</param>
    public static async Task<OperatorHost> StartAsync(
        ApiUnderTest api, IHealthGate? gate = null, ITestOutputHelper? output = null, Action<KafkaOperatorOptions>? configure = null, ILoggerProvider? logs = null)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Logging.SetMinimumLevel(LogLevel.Information);
        if (output is not null) builder.Logging.AddProvider(new TestOutputLoggerProvider(output));
        if (logs is not null) builder.Logging.AddProvider(logs);
        // As the silo registers it: the concrete client for the informers, the interface for everything else.
        builder.Services.AddSingleton(_ => ApiUnderTest.Connect(api.KubeconfigPath));
        builder.Services.AddSingleton<IKubernetes>(provider => provider.GetRequiredService<k8s.Kubernetes>());
        if (gate is not null) builder.Services.AddSingleton(gate);
        builder.AddKafkaOperatorSilo(options =>
        {
            options.Namespaces = [api.Namespace];
            options.InstallCrd = true;
            options.RequeueInterval = TimeSpan.FromMilliseconds(100);
            options.ResyncPeriod = TimeSpan.FromSeconds(30);
            configure?.Invoke(options);
        });
        builder.Services.AddKafkaOperatorWatchers();
        var host = builder.Build();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await host.StartAsync(timeout.Token);
        return new OperatorHost(host);
    }

    public async ValueTask DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await _host.StopAsync(timeout.Token);
        _host.Services.GetRequiredService<k8s.Kubernetes>().Dispose();
        _host.Dispose();
    }
}
