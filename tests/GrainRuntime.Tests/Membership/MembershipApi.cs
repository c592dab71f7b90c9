using System.Net;
using Actors.Emulator;
using Actors.Storage.Membership;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Orleans;
using Orleans.Configuration;
using Orleans.Runtime;

namespace Actors.GrainRuntime.Tests.Membership;

/// <summary>
/// An emulator shared by a class's tests, and membership tables on it: each test takes a cluster id
/// of its own, so each has its own ConfigMap. Every table is a separate instance, as each silo has.
/// </summary>
public sealed class MembershipApi : IAsyncLifetime
{
    public const string Namespace = "orleans";

    private static int generation;

    public EmulatorFixture Emulator { get; private set; } = null!;
    public k8s.Kubernetes Client { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Emulator = await EmulatorFixture.StartAsync(new EmulatorOptions { Namespaces = [Namespace] });
        Client = Emulator.Client();
    }

    public async Task DisposeAsync() => await Emulator.DisposeAsync();

    public static KubernetesClusteringOptions Options(string @namespace = Namespace) => new() { Namespace = @namespace };

    public KubernetesMembershipTable Table(string clusterId, IKubernetes? client = null, KubernetesClusteringOptions? options = null,
        ILogger<KubernetesMembershipTable>? log = null) =>
        new(client ?? Client, Microsoft.Extensions.Options.Options.Create(options ?? Options()),
            Microsoft.Extensions.Options.Options.Create(new ClusterOptions { ClusterId = clusterId, ServiceId = "kafka-operator" }),
            log ?? NullLogger<KubernetesMembershipTable>.Instance);

    /// <summary>An initialised table of a new cluster, with <paramref name="silos"/> inserted one by one.</summary>
    public async Task<KubernetesMembershipTable> NewTableAsync(string clusterId, params MembershipEntry[] silos)
    {
        var table = Table(clusterId);
        await table.InitializeMembershipTableAsync(true);
        foreach (var silo in silos) await InsertAsync(table, silo);
        return table;
    }

    /// <summary>Inserts <paramref name="silo"/> on the table's current version, as a silo joining does; it must succeed.</summary>
    public static async Task InsertAsync(KubernetesMembershipTable table, MembershipEntry silo) =>
        Assert.True(await table.InsertRowAsync(silo, (await table.ReadAllAsync()).Version.Next()), $"inserting {silo.SiloAddress} on the current version failed");

    /// <summary>The table holds one row, <paramref name="silo"/>'s, at <paramref name="version"/>.</summary>
    public static void HoldsOnly(MembershipTableData read, MembershipEntry silo, int version)
    {
        Assert.Equal(silo.SiloAddress, Assert.Single(read.Members).Item1.SiloAddress);
        Assert.Equal(version, read.Version.Version);
    }

    /// <summary>A client of the emulator whose token may only get, list and watch.</summary>
    public k8s.Kubernetes ReadOnlyClient()
    {
        var configuration = Emulator.Configuration();
        configuration.AccessToken = Emulator.Emulator.ReadOnlyToken;
        return new k8s.Kubernetes(configuration);
    }

    /// <summary>Writes <paramref name="text"/> as the table's JSON, as someone editing the ConfigMap by hand would.</summary>
    public async Task EditTableAsync(string clusterId, string text)
    {
        var map = await ConfigMapOf(clusterId);
        map.Data["membership.json"] = text;
        await Client.CoreV1.ReplaceNamespacedConfigMapAsync(map, map.Metadata.Name, Namespace);
    }

    public Task DeleteConfigMapAsync(string clusterId) => Client.CoreV1.DeleteNamespacedConfigMapAsync(ObjectNameOf(clusterId), Namespace);

    public Task<V1ConfigMap> ConfigMapOf(string clusterId) =>
        Client.CoreV1.ReadNamespacedConfigMapAsync(ObjectNameOf(clusterId), Namespace);

    public static string ObjectNameOf(string clusterId) => MembershipObjectName.For(Options().ObjectNamePrefix, clusterId);

    /// <summary>A silo that joins now: a new incarnation (generation) on a loopback port.</summary>
    public static MembershipEntry Joining(DateTime? now = null)
    {
        var at = now ?? DateTime.UtcNow;
        var silo = SiloAddress.New(new IPEndPoint(IPAddress.Loopback, 11111), Interlocked.Increment(ref generation));
        return new MembershipEntry
        {
            SiloAddress = silo,
            Status = SiloStatus.Joining,
            HostName = "kafka-operator-0",
            SiloName = $"kafka-operator-0-{silo.Generation}",
            ProxyPort = 30000,
            StartTime = at,
            IAmAliveTime = at,
        };
    }
}
