using Actors.Contracts.Api;
using k8s;
using Actors.Silo.Api;
using Actors.Silo.Api.Refusals;
using Actors.Silo.Health;
using Actors.Silo.OperatorCluster;
using Actors.Silo.Operations;
using Actors.Silo.Watchers;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Actors.Silo.Hosting;

/// <summary>What the host is built from, once the cluster has been chosen and reached.</summary>
public sealed record SiloSetup
{
    public required SiloOptions Options { get; init; }
    /// <summary>The process's one official client (with the operator's request policy), shared by everything.</summary>
    public required k8s.Kubernetes Client { get; init; }
    public required ApiTokens Tokens { get; init; }
    /// <summary>Null: one silo alone; else this replica's place in the operator cluster.</summary>
    public Actors.Grains.Hosting.SiloClustering.Kubernetes? Clustering { get; init; }
    /// <summary>With <see cref="Clustering"/>, in a pod: the configuration the replicas' pods are watched with (<see cref="ReplicaPodWatch"/>).</summary>
    public k8s.KubernetesClientConfiguration? PodWatch { get; init; }
    public TimeProvider Time { get; init; } = TimeProvider.System;
}

/// <summary>
/// The silo's composition: Kestrel with an HTTP listener (HTTP/1.1 and HTTP/2) and a gRPC
/// listener (HTTP/2 only, so clients speak h2c with prior knowledge); the HTTP and gRPC APIs,
/// /metrics, /healthz and /readyz over <see cref="KubernetesClusterOperations"/>; and the
/// operator's grains and watchers (<see cref="OperatorSilos"/>), which act on every replica.
/// </summary>
public static class SiloHost
{
    /// <summary>Long enough to stop the grains and leave the operator cluster, short of the pod's 45 s grace period.</summary>
    public static readonly TimeSpan ShutdownTimeout = TimeSpan.FromSeconds(25);

    public static WebApplication Build(SiloSetup setup)
    {
        var options = setup.Options;
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = [] });
        builder.Host.ConfigureHostOptions(host => host.ShutdownTimeout = ShutdownTimeout);
        // One line per HTTP request is noise for an operator; its own spans and metrics say more.
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        // Orleans says at start-up every option it runs with; what an operator's user needs from it are its warnings.
        builder.Logging.AddFilter("Orleans", LogLevel.Warning);
        // Except its two start-up warnings (one event id) that the silo runs without server GC: chosen, see Silo.csproj.
        builder.Logging.DropEvent(OrleansGcWarning.Category, OrleansGcWarning.EventId);
        // Orleans' placement retries go through Polly, which logs every attempt at Information.
        builder.Logging.AddFilter("Polly", LogLevel.Warning);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            // Cleartext: HTTP/2 needs TLS negotiation here, so the API port is HTTP/1.1; gRPC has its own h2c port.
            Listen(kestrel, options.HttpAddress, HttpProtocols.Http1);
            Listen(kestrel, options.GrpcAddress, HttpProtocols.Http2);
        });

        builder.AddOperatorEndpoints(api =>
        {
            api.AdminTokens.AddRange(setup.Tokens.Admin);
            api.ReadTokens.AddRange(setup.Tokens.Read);
        });
        var services = builder.Services;
        services.AddSingleton(options);
        services.AddSingleton(setup.Time);
        services.AddSingleton(new OperatorClustering(setup.Clustering, setup.Clustering is null ? null : setup.PodWatch));
        // One client for the whole silo: the informers need the concrete type, every other part the interface.
        services.AddSingleton(setup.Client);
        services.AddSingleton<IKubernetes>(setup.Client);
        services.AddSingleton<IClusterOperations, KubernetesClusterOperations>();

        // Every replica acts: alone, or as one silo of the operator cluster, where readiness waits
        // until this silo is Active so that a rolling update keeps enough silos to take the grains.
        if (setup.Clustering is not null) services.AddReadinessCheck<ClusterMembershipReadinessCheck>();
        services.AddReadinessCheck<WatchReadinessCheck>();
        services.AddSingleton<OperatorSilos>();
        services.AddSingleton<IOperatorWatches>(provider => provider.GetRequiredService<OperatorSilos>());
        services.AddHostedService(provider => provider.GetRequiredService<OperatorSilos>());

        var app = builder.Build();
        app.MapOperatorEndpoints();
        return app;
    }

    private static void Listen(KestrelServerOptions kestrel, HostAddress address, HttpProtocols protocols)
    {
        if (address.IsLocalhost) kestrel.ListenLocalhost(address.Port, listen => Configure(listen, protocols));
        else kestrel.Listen(address.Address!, address.Port, listen => Configure(listen, protocols));
    }

    private static void Configure(ListenOptions listen, HttpProtocols protocols)
    {
        listen.Protocols = protocols;
        // A request Kestrel refuses before any middleware (a %00 in the path, say) gets the API's
        // problem document too; only on the HTTP/1.1 listener (gRPC answers in its own framing).
        if (protocols == HttpProtocols.Http1) listen.AnswerRefusalsWithProblems();
    }
}
