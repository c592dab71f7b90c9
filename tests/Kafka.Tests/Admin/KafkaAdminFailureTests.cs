using System.Net;
using System.Net.Sockets;
using Actors.Kafka.Admin;
using Actors.Kafka.Client;

namespace Actors.Kafka.Tests.Admin;

// What the wrapper returns when the cluster cannot answer: a typed failure, never an exception.
public class KafkaAdminFailureTests
{
    private static readonly TimeSpan Quick = TimeSpan.FromSeconds(2);

    private static KafkaAdmin AdminFor(int port) =>
        new(new KafkaAdminOptions { BootstrapServers = $"127.0.0.1:{port}", RequestTimeout = Quick });

    [Fact]
    public async Task A_port_nobody_listens_on_is_unreachable_for_every_question()
    {
        using var admin = AdminFor(TestPorts.Unused());

        var layout = await admin.DescribeLayoutAsync();
        var cluster = await admin.DescribeClusterAsync();
        var minIsr = await admin.MinInSyncReplicasAsync(["orders"]);
        var partitions = await admin.PartitionReplicasAsync();

        Assert.Equal(KafkaFailureKind.Unreachable, layout.Failure?.Kind);
        Assert.Contains("Metadata", layout.Failure!.Message);
        Assert.NotNull(cluster.Failure);
        Assert.NotNull(minIsr.Failure);
        Assert.Equal(KafkaFailureKind.Unreachable, partitions.Failure?.Kind);
    }

    [Fact]
    public async Task A_listener_that_never_answers_is_no_usable_broker_for_metadata_and_a_timeout_for_admin_requests()
    {
        // Accepts connections and reads, but never writes a byte back.
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        using var stop = new CancellationTokenSource();
        var held = new List<Socket>();
        var accepting = Task.Run(async () =>
        {
            try
            {
                while (true)
                    held.Add(await listener.AcceptSocketAsync(stop.Token));
            }
            catch (OperationCanceledException)
            {
            }
        });
        try
        {
            using var admin = AdminFor(((IPEndPoint)listener.LocalEndpoint).Port);

            var layout = await admin.DescribeLayoutAsync();
            var cluster = await admin.DescribeClusterAsync();

            // librdkafka's Metadata waits for a usable connection (ApiVersions answered) and gives up as a transport failure.
            Assert.Equal(KafkaFailureKind.Unreachable, layout.Failure?.Kind);
            Assert.Equal(KafkaFailureKind.TimedOut, cluster.Failure?.Kind);
        }
        finally
        {
            await stop.CancelAsync();
            await accepting;
            listener.Stop();
            held.ForEach(s => s.Dispose());
        }
    }

    [Fact]
    public async Task The_callers_cancellation_still_throws()
    {
        using var admin = AdminFor(TestPorts.Unused());
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => admin.DescribeClusterAsync(cancelled.Token));
    }
}
