using Actors.Kafka.Admin;
using Actors.Kafka.Client;
using Actors.Kafka.Features;
using Actors.Kafka.Messages;
using Actors.Kafka.Protocol;
using Actors.Kafka.Safety;

namespace Actors.Kafka.Checks;

/// <summary>
/// The questions the operator asks one Kafka cluster before it changes a node, each answered
/// with a typed verdict: the partitions through Confluent.Kafka (<see cref="KafkaAdmin"/>; through
/// our own client when addresses are mapped, see <see cref="PartitionClient"/>), the controller
/// quorum and the finalized features through our own <see cref="KafkaClient"/>, the decision by
/// the pure gates. Nothing escapes as an exception but the caller's cancellation:
/// an unreachable cluster, a timeout, a reset connection, a malformed answer or an error code
/// is a held (<see cref="SafetyReason.Unanswered"/>) verdict naming what went wrong.
/// One per cluster; dispose it with the cluster's session (it holds a librdkafka handle).
/// </summary>
public sealed class KafkaSafetyChecks : IDisposable
{
    private readonly KafkaConnection _connection;
    private readonly KafkaClient _client;
    private readonly Lock _partitionsGate = new();
    private IPartitionReader? _partitions;
    private bool _disposed;

    public KafkaSafetyChecks(KafkaConnection connection)
    {
        _connection = connection;
        _client = new KafkaClient(connection.Bootstrap, new KafkaClientOptions
        {
            Timeout = connection.RequestTimeout,
            ClientId = connection.ClientId,
            AddressMap = connection.AddressMap,
        });
    }

    /// <summary>May broker <paramref name="brokerId"/> restart: no partition it hosts left under its min.insync.replicas.</summary>
    public Task<SafetyVerdict<RestartVerdict>> MayRestartBrokerAsync(int brokerId, CancellationToken cancellationToken = default) =>
        AskPartitionsAsync($"broker {brokerId} must not restart yet", p => BrokerRestartGate.Decide(p, brokerId), cancellationToken);

    /// <summary>May broker <paramref name="brokerId"/> be removed (scale in): it holds no partition replica.</summary>
    public Task<SafetyVerdict<RemovalVerdict>> MayRemoveBrokerAsync(int brokerId, CancellationToken cancellationToken = default) =>
        AskPartitionsAsync($"broker {brokerId} must not be removed yet", p => BrokerRemovalGate.Decide(p, brokerId), cancellationToken);

    /// <summary>
    /// May controller <paramref name="controllerId"/> restart: the quorum stays available without
    /// it (see <see cref="ControllerRestartGate"/>). <paramref name="awaitingRestart"/> are the
    /// controllers this roll has still to restart, so the active one goes last.
    /// </summary>
    public Task<SafetyVerdict<ControllerRestartVerdict>> MayRestartControllerAsync(
        int controllerId, IReadOnlyCollection<int> awaitingRestart, CancellationToken cancellationToken = default)
    {
        var held = $"controller {controllerId} must not restart yet";
        return Guard(async () =>
        {
            var quorum = await DescribeQuorumAsync(cancellationToken);
            return quorum.Succeeded
                ? SafetyVerdict<ControllerRestartVerdict>.Answered(held, ControllerRestartGate.Decide(
                    ControllerQuorum.From(quorum.Value), controllerId, awaitingRestart, _connection.QuorumFetchTimeout))
                : SafetyVerdict<ControllerRestartVerdict>.Unanswered(held, quorum.Failure!);
        }, failure => SafetyVerdict<ControllerRestartVerdict>.Unanswered(held, failure), cancellationToken);
    }

    /// <summary>
    /// The active controller (the quorum's leader), so a roll can restart it last; null while an
    /// election is on, or when Kafka did not answer (the restart gate then holds on its own).
    /// </summary>
    public Task<int?> ActiveControllerAsync(CancellationToken cancellationToken = default) =>
        Guard(async () =>
        {
            var quorum = await DescribeQuorumAsync(cancellationToken);
            return quorum.Succeeded && quorum.Value.LeaderId != ControllerQuorum.NoLeader ? quorum.Value.LeaderId : (int?)null;
        }, _ => null, cancellationToken);

    /// <summary>The finalized <c>metadata.version</c> (ApiVersions' finalized features), for the status.</summary>
    public Task<FinalizedMetadataVersion> FinalizedMetadataVersionAsync(CancellationToken cancellationToken = default) =>
        Guard(() => ReadFinalizedAsync(cancellationToken), failure => new FinalizedMetadataVersion(null, failure), cancellationToken);

    /// <summary>
    /// Raises <c>metadata.version</c> to <paramref name="targetLevel"/> with UpdateFeatures, once:
    /// at the level already, nothing is sent; below it, the downgrade is refused here. Call it
    /// only after every node runs the new version and the cluster is healthy (the coordinator's
    /// decision); Kafka refuses a level some node does not support. The level is read back after.
    /// </summary>
    public Task<MetadataVersionRaise> RaiseMetadataVersionAsync(short targetLevel, CancellationToken cancellationToken = default)
    {
        var target = FinalizedMetadataVersion.Describe(targetLevel);
        return Guard(async () =>
        {
            var before = await ReadFinalizedAsync(cancellationToken);
            if (before.Failure is not null)
                return new MetadataVersionRaise(MetadataVersionRaiseOutcome.Unanswered, targetLevel, null,
                    $"metadata.version not raised to {target}: {before.Message}", before.Failure);
            if (before.Level is not { } current)
                return new MetadataVersionRaise(MetadataVersionRaiseOutcome.Unanswered, targetLevel, null,
                    $"metadata.version not raised to {target}: {before.Message}");
            if (current == targetLevel)
                return new MetadataVersionRaise(MetadataVersionRaiseOutcome.AlreadyFinalized, targetLevel, current,
                    $"metadata.version is already finalized at {target}");
            if (targetLevel < current)
                return new MetadataVersionRaise(MetadataVersionRaiseOutcome.DowngradeRefused, targetLevel, current,
                    $"metadata.version is finalized at {FinalizedMetadataVersion.Describe(current)}; lowering it to {target} is refused " +
                    "(a downgrade can lose metadata): run a release that supports the finalized level");

            // Version 1 is the first with an upgrade type (an upgrade, never a downgrade).
            var update = await NegotiatedAsync(ApiKey.UpdateFeatures, 1, 1, async version =>
                (await _client.SendAsync(new UpdateFeaturesRequest(
                    [new FeatureUpdate(MetadataVersion.FeatureName, targetLevel, UpgradeType.Upgrade)], Version: version), cancellationToken))
                    .Then(ResponseErrors.Check),
                cancellationToken);
            if (!update.Succeeded)
                return update.Failure!.Kind == KafkaFailureKind.ErrorCode
                    ? new MetadataVersionRaise(MetadataVersionRaiseOutcome.RefusedByKafka, targetLevel, current,
                        $"Kafka refused raising metadata.version from {FinalizedMetadataVersion.Describe(current)} to {target}: {update.Failure.Message}", update.Failure)
                    : new MetadataVersionRaise(MetadataVersionRaiseOutcome.Unanswered, targetLevel, current,
                        $"metadata.version may not have been raised to {target}: Kafka did not answer ({update.Failure.Kind}): {update.Failure.Message}", update.Failure);

            // Brokers learn the new level from the metadata log: read back what one reports now.
            var after = await ReadFinalizedAsync(cancellationToken);
            return new MetadataVersionRaise(MetadataVersionRaiseOutcome.Raised, targetLevel, after.IsKnown ? after.Level : null,
                $"metadata.version raised from {FinalizedMetadataVersion.Describe(current)} to {target}; read back: {after.Message}");
        }, failure => new MetadataVersionRaise(MetadataVersionRaiseOutcome.Unanswered, targetLevel, null,
            $"metadata.version not raised to {target}: {failure.Message}", failure), cancellationToken);
    }

    public void Dispose()
    {
        lock (_partitionsGate)
        {
            _disposed = true;
            (_partitions as IDisposable)?.Dispose();
            _partitions = null;
        }
    }

    private Task<SafetyVerdict<TGate>> AskPartitionsAsync<TGate>(
        string held, Func<IReadOnlyList<PartitionReplicas>, TGate> decide, CancellationToken cancellationToken) where TGate : class, IGateVerdict =>
        Guard(async () =>
        {
            var partitions = await Partitions().PartitionReplicasAsync(cancellationToken);
            return partitions.Succeeded
                ? SafetyVerdict<TGate>.Answered(held, decide(partitions.Value))
                : SafetyVerdict<TGate>.Unanswered(held, partitions.Failure!);
        }, failure => SafetyVerdict<TGate>.Unanswered(held, failure), cancellationToken);

    // Version 1 is the first with the caught-up times the restart gate measures.
    private Task<KafkaResult<QuorumPartition>> DescribeQuorumAsync(CancellationToken cancellationToken) =>
        NegotiatedAsync(ApiKey.DescribeQuorum, 1, 2, async version =>
            (await _client.SendAsync(DescribeQuorumRequest.ForControllerQuorum(version), cancellationToken)).Then(ResponseErrors.ControllerQuorum),
            cancellationToken);

    /// <summary>Asks ApiVersions first, then sends the request at the highest version both sides speak.</summary>
    private async Task<KafkaResult<T>> NegotiatedAsync<T>(
        ApiKey api, short ourMin, short ourMax, Func<short, Task<KafkaResult<T>>> send, CancellationToken cancellationToken)
    {
        var versions = await _client.ApiVersionsAsync(cancellationToken);
        if (!versions.Succeeded)
            return KafkaResult<T>.Failed(versions.Failure!);
        var version = ApiVersionChoice.Pick(versions.Value, api, ourMin, ourMax);
        return version.Succeeded ? await send(version.Value) : KafkaResult<T>.Failed(version.Failure!);
    }

    private async Task<FinalizedMetadataVersion> ReadFinalizedAsync(CancellationToken cancellationToken)
    {
        var versions = await _client.ApiVersionsAsync(cancellationToken);
        return versions.Succeeded
            ? new FinalizedMetadataVersion(versions.Value.FinalizedLevel(MetadataVersion.FeatureName), null)
            : new FinalizedMetadataVersion(null, versions.Failure);
    }

    // Made on first use, inside a check: a librdkafka handle that cannot be created is then a
    // held verdict too, and a cluster asked only about its quorum never starts one.
    private IPartitionReader Partitions()
    {
        lock (_partitionsGate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var ours = _connection.PartitionClient == PartitionClient.Protocol
                || (_connection.PartitionClient == PartitionClient.Auto && _connection.AddressMap.Count > 0);
            return _partitions ??= ours
                ? new ProtocolPartitionReader(_client)
                : new KafkaAdmin(new KafkaAdminOptions
                {
                    BootstrapServers = _connection.AddressMap.Resolve(_connection.Bootstrap).ToString(),
                    RequestTimeout = _connection.RequestTimeout,
                    ClientId = _connection.ClientId,
                    Log = _connection.Log,
                });
        }
    }

    /// <summary>The last line of defence: whatever a check throws (but the caller's cancellation) holds the step.</summary>
    private static async Task<T> Guard<T>(Func<Task<T>> check, Func<KafkaFailure, T> unanswered, CancellationToken cancellationToken)
    {
        try
        {
            return await check();
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception e)
        {
            return unanswered(new KafkaFailure(KafkaFailureKind.ClientFailed, $"the check failed: {e.GetType().Name}: {e.Message}"));
        }
    }
}
