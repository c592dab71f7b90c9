using Actors.Kafka.Client;
using Actors.Kafka.Protocol;
using Actors.Kafka.Safety;
using Confluent.Kafka;
using Confluent.Kafka.Admin;

namespace Actors.Kafka.Admin;

/// <summary>
/// The questions the operator asks a Kafka cluster before it changes a node, through
/// Confluent.Kafka's Admin API: where the partitions are (Metadata), each topic's effective
/// min.insync.replicas (DescribeConfigs) and who the brokers and controller are
/// (DescribeCluster). Each answer is a <see cref="KafkaResult{T}"/>: an unreachable or slow
/// cluster is a typed failure, never an exception; only the caller's cancellation throws.
/// One librdkafka handle per instance; dispose it with the cluster's session.
/// </summary>
public sealed class KafkaAdmin : IPartitionReader, IDisposable
{
    private readonly KafkaAdminOptions _options;
    private readonly IAdminClient _client;

    public KafkaAdmin(KafkaAdminOptions options)
    {
        _options = options;
        var timeoutMs = (int)options.RequestTimeout.TotalMilliseconds;
        var config = new AdminClientConfig
        {
            BootstrapServers = options.BootstrapServers,
            ClientId = options.ClientId,
            // A request's own deadline is the question's timeout; the socket's is longer, so an
            // admin request a connected cluster leaves unanswered ends as timed out, not as a
            // transport failure from librdkafka tearing the connection down first.
            SocketTimeoutMs = 2 * timeoutMs,
            SocketConnectionSetupTimeoutMs = timeoutMs,
            // Reconnect quickly: a gate asks rarely, and a recovering cluster should be seen at once.
            ReconnectBackoffMs = 100,
            ReconnectBackoffMaxMs = 2000,
        };
        _client = new AdminClientBuilder(config)
            .SetLogHandler((_, message) => options.Log?.Invoke($"{message.Level} {message.Facility}: {message.Message}"))
            .SetErrorHandler((_, error) => options.Log?.Invoke($"error {error.Code}: {error.Reason}"))
            .Build();
    }

    /// <summary>
    /// Every topic's partitions: replicas, ISR and leader, and the live brokers. librdkafka's
    /// Metadata call waits for a usable broker connection and, finding none in time, reports a
    /// transport failure whether the port refused or the broker never answered: both are
    /// <c>Unreachable</c> here (no usable broker), unlike the admin requests, which time out.
    /// </summary>
    public Task<KafkaResult<ClusterLayout>> DescribeLayoutAsync(CancellationToken cancellationToken = default) =>
        Ask("Metadata", async () =>
        {
            // GetMetadata blocks its thread for up to the timeout; keep that off the caller's.
            var metadata = await Task.Run(() => _client.GetMetadata(_options.RequestTimeout), CancellationToken.None);
            return KafkaResult<ClusterLayout>.Success(Layout(metadata));
        }, cancellationToken);

    /// <summary>The cluster id, the controller and the live brokers.</summary>
    public Task<KafkaResult<ClusterDescription>> DescribeClusterAsync(CancellationToken cancellationToken = default) =>
        Ask("DescribeCluster", async () =>
        {
            var result = await _client.DescribeClusterAsync(new DescribeClusterOptions { RequestTimeout = _options.RequestTimeout });
            return KafkaResult<ClusterDescription>.Success(new ClusterDescription(
                result.ClusterId,
                result.Controller is { } c ? Node(c) : null,
                result.Nodes.Select(Node).OrderBy(n => n.Id).ToList()));
        }, cancellationToken);

    /// <summary>
    /// Each topic's effective min.insync.replicas. Kafka resolves it in its DescribeConfigs answer
    /// for the topic: the topic's own setting, else the brokers' (dynamic cluster default or
    /// server.properties), else its default of 1, with the source saying which. A topic whose
    /// answer lacks it is a failure rather than a guess: the gate then holds with that reason.
    /// </summary>
    public Task<KafkaResult<IReadOnlyDictionary<string, int>>> MinInSyncReplicasAsync(
        IReadOnlyCollection<string> topics, CancellationToken cancellationToken = default) =>
        Ask("DescribeConfigs", async () =>
        {
            var effective = new Dictionary<string, int>();
            if (topics.Count == 0)
                return KafkaResult<IReadOnlyDictionary<string, int>>.Success(effective);
            var results = await _client.DescribeConfigsAsync(
                topics.Select(t => new ConfigResource { Type = ResourceType.Topic, Name = t }),
                new DescribeConfigsOptions { RequestTimeout = _options.RequestTimeout });
            foreach (var result in results)
            {
                var name = result.ConfigResource.Name;
                result.Entries.TryGetValue(GateInput.MinInSyncReplicasConfig, out var entry);
                var value = GateInput.MinInSyncReplicas(name, entry?.Value);
                if (!value.Succeeded)
                    return KafkaResult<IReadOnlyDictionary<string, int>>.Failed(value.Failure!);
                effective[name] = value.Value;
            }
            return KafkaResult<IReadOnlyDictionary<string, int>>.Success(effective);
        }, cancellationToken);

    /// <summary>The safety gates' input (see <see cref="GateInput.Partitions"/>).</summary>
    public Task<KafkaResult<IReadOnlyList<PartitionReplicas>>> PartitionReplicasAsync(CancellationToken cancellationToken = default) =>
        GateInput.ReadAsync(() => DescribeLayoutAsync(cancellationToken), topics => MinInSyncReplicasAsync(topics, cancellationToken));

    public void Dispose() => _client.Dispose();

    private static async Task<KafkaResult<T>> Ask<T>(string what, Func<Task<KafkaResult<T>>> ask, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await ask().WaitAsync(cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                throw;
            }
            // A fresh handle first talks to the bootstrap address, then replaces that connection
            // with the brokers Metadata names; a request still on the replaced one fails with
            // DestroyBroker. That says nothing about the cluster, so it is asked once more.
            catch (KafkaException e) when (e.Error.Code == ErrorCode.Local_DestroyBroker && attempt == 1)
            {
            }
            catch (Exception e)
            {
                return KafkaResult<T>.Failed(AdminFailures.From(e, what));
            }
        }
    }

    private static ClusterLayout Layout(Metadata metadata) => new(
        metadata.Brokers.Select(b => new BrokerNode(b.BrokerId, b.Host, b.Port)).OrderBy(b => b.Id).ToList(),
        metadata.Topics
            .Select(t => new TopicLayout(t.Topic, t.Partitions
                .Select(p => new PartitionLayout(p.PartitionId, p.Leader, p.Replicas, p.InSyncReplicas,
                    KafkaError.FromCode((short)p.Error.Code)))
                .OrderBy(p => p.Partition)
                .ToList()))
            .OrderBy(t => t.Name, StringComparer.Ordinal)
            .ToList());

    private static BrokerNode Node(Node node) => new(node.Id, node.Host, node.Port, node.Rack);
}
