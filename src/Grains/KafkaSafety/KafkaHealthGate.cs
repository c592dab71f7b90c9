using Actors.Grains.Coordinator;
using Actors.Grains.Hosting;
using Actors.Grains.Identity;
using Actors.Kafka.Checks;
using Actors.Kafka.Client;
using Actors.Kafka.Safety;
using Microsoft.Extensions.Logging;
using KafkaMetadataVersion = Actors.Kafka.Features.MetadataVersion;

namespace Actors.Grains.KafkaSafety;

/// <summary>
/// The gate that asks Kafka before a node restarts or leaves: readiness first (a closed readiness
/// answer stays closed), then the cluster's own word through <see cref="KafkaSafetyChecks"/> —
/// no partition left under its min.insync.replicas, the controller quorum available without the
/// node, no replica left on a broker being removed. Kafka not answering holds the step, never lets
/// it through. The <c>skip-kafka-checks</c> annotation opens it on readiness alone, with an Event.
/// One <see cref="KafkaSafetyChecks"/> per cluster, kept while the cluster's bootstrap stays the same.
/// </summary>
public sealed class KafkaHealthGate : IHealthGate, IDisposable
{
    private readonly KafkaAddressMap _addressMap;
    private readonly string? _addressMapError;
    private readonly TimeSpan _requestTimeout;
    private readonly bool _onlyWhereMapped;
    private readonly ILogger<KafkaHealthGate> _logger;
    private readonly Lock _gate = new();
    private readonly Dictionary<ClusterIdentity, (KafkaAccess Access, KafkaSafetyChecks Checks)> _clusters = [];

    public KafkaHealthGate(KafkaOperatorOptions options, ILogger<KafkaHealthGate> logger)
    {
        _logger = logger;
        _requestTimeout = options.KafkaRequestTimeout;
        _onlyWhereMapped = options.KafkaChecksOnlyWhereMapped;
        try
        {
            _addressMap = string.IsNullOrWhiteSpace(options.KafkaAddressMap) ? KafkaAddressMap.None : KafkaAddressMap.Parse(options.KafkaAddressMap);
        }
        catch (Exception e) when (e is FormatException or ArgumentException)
        {
            // Every step waits with this reason rather than the operator failing at start-up without one.
            _addressMap = KafkaAddressMap.None;
            _addressMapError = $"the operator's Kafka address map '{options.KafkaAddressMap}' is invalid: {e.Message}";
        }
    }

    public async ValueTask<GateAnswer> AskAsync(
        HealthGateQuestion question, NodeIdentity node, ObservedCluster observed, DesiredCluster desired, CancellationToken cancellationToken)
    {
        var readiness = ReadinessHealthGate.Answer(node.Key, observed);
        if (!readiness.Open) return readiness;

        var ask = KafkaQuestion.For(question, node, observed, desired);
        if (ask is NoKafkaQuestion none) return readiness with { Reason = $"{readiness.Reason}; {none.Reason}" };
        if (desired.SkipKafkaChecks) return KafkaGateAnswer.Skipped(readiness, question, node);
        if (_addressMapError is not null) return GateAnswer.Closed(_addressMapError);
        if (desired.Kafka is not { } access) return GateAnswer.Closed($"the plan of {node.Cluster} names no Kafka bootstrap address to ask");
        if (Unmapped(access)) return KafkaGateAnswer.NoKafkaToAsk(readiness, question, node, access.Bootstrap);
        if (ChecksFor(node.Cluster, access) is not { } checks)
            return GateAnswer.Closed($"the Kafka bootstrap address of {node.Cluster}, '{access.Bootstrap}', is not host:port");

        return ask switch
        {
            MayRestartBroker b => KafkaGateAnswer.From(await checks.MayRestartBrokerAsync(b.BrokerId, cancellationToken), access.Bootstrap),
            MayRestartController c => KafkaGateAnswer.From(await checks.MayRestartControllerAsync(c.ControllerId, c.AwaitingRestart, cancellationToken), access.Bootstrap),
            MayRemoveBroker r => KafkaGateAnswer.From(await checks.MayRemoveBrokerAsync(r.BrokerId, cancellationToken), access.Bootstrap),
            _ => throw new InvalidOperationException($"no Kafka check for {ask}"),
        };
    }

    /// <summary>
    /// Raises metadata.version in Kafka (UpdateFeatures) and reports the level read back. Not an
    /// optional check but the upgrade's last step, so the skip annotation does not skip it: without
    /// it Kafka would keep running at the old level. Kafka not answering or refusing holds it.
    /// </summary>
    public async ValueTask<MetadataVersionAnswer> RaiseMetadataVersionAsync(
        ClusterIdentity cluster, DesiredCluster desired, RaiseMetadataVersion raise, CancellationToken cancellationToken)
    {
        if (_addressMapError is not null) return MetadataVersionAnswer.Held(_addressMapError);
        if (desired.Kafka is not { } access) return MetadataVersionAnswer.Held($"the plan of {cluster} names no Kafka bootstrap address to ask");
        if (Unmapped(access))
            return MetadataVersionAnswer.FinalizedAt(raise.To, $"recorded only: no Kafka to raise it in at {access.Bootstrap} (the operator asks only the Kafka clusters it has an address for)");
        if (KafkaMetadataVersion.FromName(raise.To) is not { } target)
            return MetadataVersionAnswer.Held($"this operator knows no feature level for metadata version {raise.To}");
        if (ChecksFor(cluster, access) is not { } checks)
            return MetadataVersionAnswer.Held($"the Kafka bootstrap address of {cluster}, '{access.Bootstrap}', is not host:port");

        var outcome = await checks.RaiseMetadataVersionAsync(target.Level, cancellationToken);
        _logger.LogInformation("Metadata version of {Cluster}: {Outcome}", cluster, outcome);
        return KafkaGateAnswer.From(outcome, target, access.Bootstrap);
    }

    /// <summary>Kafka's quorum leader as a node of the plan; unknown when the checks are skipped or Kafka does not say.</summary>
    public async ValueTask<NodeKey?> ActiveControllerAsync(ClusterIdentity cluster, DesiredCluster desired, CancellationToken cancellationToken)
    {
        if (desired.SkipKafkaChecks || _addressMapError is not null || desired.Kafka is not { } access
            || Unmapped(access) || ChecksFor(cluster, access) is not { } checks)
            return null;
        return await checks.ActiveControllerAsync(cancellationToken) is { } leader && leader >= NodeIdentity.ControllerNodeIdBase
            ? NodeKey.Controller(leader - NodeIdentity.ControllerNodeIdBase)
            : null;
    }

    /// <summary>The clusters the gate holds a connection for.</summary>
    public IReadOnlyCollection<ClusterIdentity> Connected
    {
        get
        {
            lock (_gate) return [.. _clusters.Keys];
        }
    }

    public void Forget(ClusterIdentity cluster)
    {
        lock (_gate)
        {
            if (_clusters.Remove(cluster, out var known)) known.Checks.Dispose();
        }
    }

    /// <summary>Whether this operator asks only mapped clusters and this one is not mapped (an address that is not host:port is ChecksFor's to refuse).</summary>
    private bool Unmapped(KafkaAccess access)
    {
        if (!_onlyWhereMapped) return false;
        try
        {
            return !_addressMap.Maps(KafkaEndpoint.Parse(access.Bootstrap));
        }
        catch (FormatException)
        {
            return false;
        }
    }

    /// <summary>The cluster's checks, made on first use and again when its address changes; null for an address that is not host:port.</summary>
    private KafkaSafetyChecks? ChecksFor(ClusterIdentity cluster, KafkaAccess access)
    {
        lock (_gate)
        {
            if (_clusters.TryGetValue(cluster, out var known))
            {
                if (known.Access == access) return known.Checks;
                known.Checks.Dispose();
                _clusters.Remove(cluster);
            }

            KafkaEndpoint bootstrap;
            try
            {
                bootstrap = KafkaEndpoint.Parse(access.Bootstrap);
            }
            catch (FormatException)
            {
                return null;
            }

            var checks = new KafkaSafetyChecks(new KafkaConnection
            {
                Bootstrap = bootstrap,
                AddressMap = _addressMap,
                RequestTimeout = _requestTimeout,
                QuorumFetchTimeout = access.QuorumFetchTimeout ?? ControllerRestartGate.DefaultFetchTimeout,
            });
            _clusters[cluster] = (access, checks);
            _logger.LogInformation("Kafka checks of {Cluster} ask {Bootstrap} (connecting to {Address})",
                cluster, bootstrap, _addressMap.Resolve(bootstrap));
            return checks;
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            foreach (var (_, checks) in _clusters.Values) checks.Dispose();
            _clusters.Clear();
        }
    }
}
