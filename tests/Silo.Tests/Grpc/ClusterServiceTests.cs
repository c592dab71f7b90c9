using Actors.Contracts.Api;
using Actors.Contracts.Proto;
using Actors.Silo.Tests.Fakes;
using Google.Protobuf;

namespace Actors.Silo.Tests.Grpc;

/// <summary>actors.v1.ClusterService through Debian's python3-grpcio.</summary>
public sealed class ClusterServiceTests : IClassFixture<GrpcSiloFixture>
{
    private readonly TestSilo silo;
    private readonly PythonGrpcClient grpc;

    public ClusterServiceTests(GrpcSiloFixture fixture)
    {
        silo = fixture.Silo;
        grpc = fixture.Client;
        silo.Clusters.Add(FakeClusterOperations.Demo());
        silo.Clusters.Add(FakeClusterOperations.Demo("analytics", "events", brokers: 5));
        silo.Clusters.NextFailure = null;
        silo.Clusters.ClearCalls();
    }

    private static readonly object Demo = new { @namespace = "kafka", name = "demo" };

    [Fact]
    public async Task GetCluster_returns_status_conditions_nodes_and_operation()
    {
        var reply = await grpc.UnaryAsync("GetCluster", Demo, TestSilo.ReadToken);

        Assert.Equal("OK", reply.Code);
        var cluster = Assert.Single(reply.Responses);
        Assert.Equal("Running", cluster.GetProperty("phase").GetString());
        Assert.Equal("4", cluster.GetProperty("observed_generation").GetString()); // int64 maps to a JSON string
        Assert.Equal(3, cluster.GetProperty("ready_brokers").GetInt32());
        Assert.Equal("demo-bootstrap.kafka.svc:9092", cluster.GetProperty("bootstrap_servers").GetString());
        var ready = cluster.GetProperty("conditions")[0];
        Assert.Equal("AllNodesReady", ready.GetProperty("reason").GetString());
        Assert.Equal("2026-11-01T12:00:00Z", ready.GetProperty("last_transition_time").GetString());
        Assert.Equal("demo-broker-0", cluster.GetProperty("nodes")[1].GetProperty("pod").GetString());
        Assert.Equal("RollingRestart", cluster.GetProperty("operation").GetProperty("kind").GetString());
        Assert.Equal(["Get kafka/demo"], silo.Clusters.Calls);
    }

    [Fact]
    public async Task ListClusters_returns_every_cluster_or_one_namespace()
    {
        var all = await grpc.UnaryAsync("ListClusters", new { }, TestSilo.ReadToken);
        var kafka = await grpc.UnaryAsync("ListClusters", new { @namespace = "kafka" }, TestSilo.ReadToken);

        Assert.Equal(["events", "demo"], all.Responses[0].GetProperty("clusters").EnumerateArray().Select(c => c.GetProperty("name").GetString()));
        Assert.Equal("demo", Assert.Single(kafka.Responses[0].GetProperty("clusters").EnumerateArray()).GetProperty("name").GetString());
    }

    [Fact]
    public async Task ScaleBrokers_hands_the_new_count_to_the_operator()
    {
        var reply = await grpc.UnaryAsync("ScaleBrokers", new { @namespace = "kafka", name = "demo", brokers = 5 }, TestSilo.AdminToken);

        Assert.Equal("OK", reply.Code);
        Assert.Equal(5, reply.Responses[0].GetProperty("desired_brokers").GetInt32());
        Assert.Equal(["Scale kafka/demo 5"], silo.Clusters.Calls);
    }

    [Theory]
    [InlineData("RestartCluster", "Restart kafka/demo")]
    [InlineData("PauseCluster", "Pause kafka/demo")]
    [InlineData("ResumeCluster", "Resume kafka/demo")]
    public async Task Actions_are_handed_to_the_operator(string method, string call)
    {
        var reply = await grpc.UnaryAsync(method, Demo, TestSilo.AdminToken);

        Assert.Equal("OK", reply.Code);
        Assert.Equal([call], silo.Clusters.Calls);
    }

    [Fact]
    public async Task ListEvents_returns_the_cluster_events()
    {
        var reply = await grpc.UnaryAsync("ListEvents", Demo, TestSilo.ReadToken);

        var events = reply.Responses[0].GetProperty("events");
        Assert.Equal("BrokerRestarted", events[0].GetProperty("reason").GetString());
        Assert.Equal(2, events[0].GetProperty("count").GetInt32());
        Assert.Equal("2026-11-01T12:05:00Z", events[0].GetProperty("time").GetString());
        Assert.Equal("Warning", events[1].GetProperty("type").GetString());
    }

    [Theory]
    [InlineData(0, "brokers must be between 1 and 1000, got 0")]
    [InlineData(-3, "brokers must be between 1 and 1000, got -3")]
    [InlineData(1001, "brokers must be between 1 and 1000, got 1001")]
    [InlineData(2147483647, "brokers must be between 1 and 1000, got 2147483647")]
    public async Task Out_of_bounds_broker_counts_are_invalid_arguments(int brokers, string details)
    {
        var reply = await grpc.UnaryAsync("ScaleBrokers", new { @namespace = "kafka", name = "demo", brokers }, TestSilo.AdminToken);

        Assert.Equal("INVALID_ARGUMENT", reply.Code);
        Assert.Equal($"brokers: {details}.", reply.Details);
        Assert.Empty(silo.Clusters.Calls);
    }

    [Fact]
    public async Task A_scale_without_a_broker_count_is_an_invalid_argument()
    {
        var reply = await grpc.UnaryAsync("ScaleBrokers", Demo, TestSilo.AdminToken);

        Assert.Equal("INVALID_ARGUMENT", reply.Code);
        Assert.Equal("brokers: field 'brokers' is required.", reply.Details);
        Assert.Empty(silo.Clusters.Calls);
    }

    [Theory]
    [InlineData("GetCluster", "", "demo", "namespace: namespace is required.")]
    [InlineData("GetCluster", "kafka", "", "name: name is required.")]
    [InlineData("WatchCluster", "Kafka", "demo", "namespace: namespace 'Kafka' is not a valid DNS-1123 label")]
    [InlineData("RestartCluster", "kafka", "demo_1", "name: name 'demo_1' is not a valid DNS-1123 subdomain")]
    [InlineData("ListEvents", "kafka", "-x", "name: name '-x' is not a valid DNS-1123 subdomain")]
    public async Task Malformed_names_are_invalid_arguments(string method, string ns, string name, string details)
    {
        var request = new { @namespace = ns, name };
        var reply = method == "WatchCluster"
            ? await grpc.StreamAsync(method, request, TestSilo.AdminToken)
            : await grpc.UnaryAsync(method, request, TestSilo.AdminToken);

        Assert.Equal("INVALID_ARGUMENT", reply.Code);
        Assert.StartsWith(details, reply.Details);
        Assert.Empty(silo.Clusters.Calls);
    }

    [Fact]
    public async Task An_unknown_cluster_is_not_found()
    {
        var reply = await grpc.UnaryAsync("GetCluster", new { @namespace = "kafka", name = "missing" }, TestSilo.ReadToken);

        Assert.Equal("NOT_FOUND", reply.Code);
        Assert.Equal("KafkaCluster kafka/missing not found.", reply.Details);
    }

    [Fact]
    public async Task A_conflicting_request_fails_its_precondition()
    {
        silo.Clusters.NextFailure = new ClusterConflictException("kafka/demo is rolling (1 of 3); scale after the rollout finishes.");

        var reply = await grpc.UnaryAsync("ScaleBrokers", new { @namespace = "kafka", name = "demo", brokers = 4 }, TestSilo.AdminToken);

        Assert.Equal("FAILED_PRECONDITION", reply.Code);
        Assert.Equal("kafka/demo is rolling (1 of 3); scale after the rollout finishes.", reply.Details);
    }

    [Fact]
    public async Task A_message_with_non_ascii_text_survives_the_percent_encoding()
    {
        silo.Clusters.NextFailure = new ClusterConflictException("Broker 2 is “draining” — 50% done\nwait.");

        var reply = await grpc.UnaryAsync("PauseCluster", Demo, TestSilo.AdminToken);

        Assert.Equal("FAILED_PRECONDITION", reply.Code);
        Assert.Equal("Broker 2 is “draining” — 50% done\nwait.", reply.Details);
    }

    [Fact]
    public async Task A_call_without_a_token_is_unauthenticated()
    {
        var reply = await grpc.UnaryAsync("GetCluster", Demo, token: null);

        Assert.Equal("UNAUTHENTICATED", reply.Code);
        Assert.Contains("needs a bearer token", reply.Details);
        Assert.Empty(silo.Clusters.Calls);
    }

    [Fact]
    public async Task A_call_with_an_unknown_token_is_unauthenticated()
    {
        var reply = await grpc.StreamAsync("WatchCluster", Demo, token: "forged");

        Assert.Equal("UNAUTHENTICATED", reply.Code);
        Assert.Equal("The bearer token is not valid.", reply.Details);
        Assert.Empty(silo.Clusters.Calls);
    }

    [Fact]
    public async Task A_read_token_cannot_change_a_cluster()
    {
        var reply = await grpc.UnaryAsync("ScaleBrokers", new { @namespace = "kafka", name = "demo", brokers = 4 }, TestSilo.ReadToken);

        Assert.Equal("PERMISSION_DENIED", reply.Code);
        Assert.Contains("may only read", reply.Details);
        Assert.Empty(silo.Clusters.Calls);
    }

    [Fact]
    public async Task A_message_that_does_not_parse_is_refused_saying_why()
    {
        var reply = await grpc.RawAsync("GetCluster", [0x0A, 0xFF, 0xFF, 0xFF], TestSilo.ReadToken);

        // Grpc.AspNetCore parses before any method runs and would answer UNKNOWN; ParsedRequestBinding
        // makes it the client's error, with the parser's words.
        Assert.Equal("INVALID_ARGUMENT", reply.Code);
        Assert.Equal("The request is not a valid GetClusterRequest message: While parsing a protocol message, the input ended unexpectedly in the middle of a field.  "
            + "This could mean either that the input has been truncated or that an embedded message misreported its own length.", reply.Details);
        Assert.Empty(silo.Clusters.Calls);
    }

    [Fact]
    public async Task A_field_of_the_wrong_wire_type_is_skipped_so_the_count_is_missing()
    {
        // Field 3 (brokers, an int32) sent as a length-delimited string.
        var message = new GetClusterRequest { Namespace = "kafka", Name = "demo" }.ToByteArray().Concat(new byte[] { 0x1A, 0x01, 0x35 }).ToArray();

        var reply = await grpc.RawAsync("ScaleBrokers", message, TestSilo.AdminToken);

        Assert.Equal("INVALID_ARGUMENT", reply.Code);
        Assert.Equal("brokers: field 'brokers' is required.", reply.Details);
        Assert.Empty(silo.Clusters.Calls);
    }

    [Theory]
    [InlineData("/actors.v1.ClusterService/DeleteCluster", "Method is unimplemented.")]
    [InlineData("/actors.v1.BrokerService/GetBroker", "Service is unimplemented.")]
    public async Task An_unknown_method_is_unimplemented(string path, string details)
    {
        var reply = await grpc.PathAsync(path, [], TestSilo.AdminToken);

        Assert.Equal("UNIMPLEMENTED", reply.Code);
        Assert.Equal(details, reply.Details);
        Assert.Empty(silo.Clusters.Calls);
    }

    [Theory]
    [InlineData("/actors.v1.ClusterService/getcluster", "/actors.v1.ClusterService/GetCluster")]
    [InlineData("/actors.v1.ClusterService/GETCLUSTER", "/actors.v1.ClusterService/GetCluster")]
    [InlineData("/actors.v1.clusterservice/GetCluster", "/actors.v1.ClusterService/GetCluster")]
    [InlineData("/Actors.V1.ClusterService/ScaleBrokers", "/actors.v1.ClusterService/ScaleBrokers")]
    [InlineData("/actors.v1.ClusterService/Get%43luster", "/actors.v1.ClusterService/GetCluster")]
    [InlineData("/grpc.health.v1.health/Check", "/grpc.health.v1.Health/Check")]
    public async Task A_method_named_in_another_case_is_unimplemented_as_on_any_grpc_server(string path, string meant)
    {
        var reply = await grpc.PathAsync(path, new GetClusterRequest { Namespace = "kafka", Name = "demo" }.ToByteArray(), TestSilo.AdminToken);

        Assert.Equal("UNIMPLEMENTED", reply.Code);
        Assert.Equal($"Method is unimplemented. gRPC method names are case-sensitive; did you mean {meant}?", reply.Details);
        Assert.Empty(silo.Clusters.Calls);
    }

    [Fact]
    public async Task A_gzip_compressed_call_is_understood()
    {
        var reply = await grpc.UnaryAsync("GetCluster", Demo, TestSilo.ReadToken, compression: "gzip");

        Assert.Equal("OK", reply.Code);
        Assert.Equal("demo", reply.Responses[0].GetProperty("name").GetString());
        Assert.Equal(["Get kafka/demo"], silo.Clusters.Calls);
    }

    [Fact]
    public async Task WatchCluster_streams_the_current_view_then_each_change()
    {
        var watch = grpc.Stream("WatchCluster", Demo, TestSilo.ReadToken, take: 3);
        await watch.ReceivedAsync(1);

        silo.Clusters.Publish(FakeClusterOperations.Demo() with { Phase = "Scaling", DesiredBrokers = 4 });
        await watch.ReceivedAsync(2);
        silo.Clusters.Publish(FakeClusterOperations.Demo(brokers: 4));
        var reply = await watch.Completion;

        Assert.Equal("TAKEN", reply.Code);
        Assert.Equal(["Running", "Scaling", "Running"], reply.Responses.Select(r => r.GetProperty("phase").GetString()));
        Assert.Equal(4, reply.Responses[2].GetProperty("ready_brokers").GetInt32());
    }

    [Fact]
    public async Task WatchCluster_ends_with_OK_when_the_cluster_is_deleted()
    {
        silo.Clusters.Add(FakeClusterOperations.Demo("kafka", "short-lived"));
        var watch = grpc.Stream("WatchCluster", new { @namespace = "kafka", name = "short-lived" }, TestSilo.ReadToken);
        await watch.ReceivedAsync(1);

        silo.Clusters.Delete("kafka", "short-lived");
        var reply = await watch.Completion;

        Assert.Equal("OK", reply.Code);
        Assert.Single(reply.Responses);
    }

    [Fact]
    public async Task Watching_an_unknown_cluster_is_not_found()
    {
        var reply = await grpc.StreamAsync("WatchCluster", new { @namespace = "kafka", name = "missing" }, TestSilo.ReadToken);

        Assert.Equal("NOT_FOUND", reply.Code);
        Assert.Equal("KafkaCluster kafka/missing not found.", reply.Details);
        Assert.Empty(reply.Responses);
    }

    [Fact]
    public async Task A_shutdown_ends_open_watches_as_unavailable()
    {
        await using var stopping = await TestSilo.StartAsync();
        stopping.Clusters.Add(FakeClusterOperations.Demo());
        await using var client = await PythonGrpcClient.StartAsync(stopping.Grpc);
        var watch = client.Stream("WatchCluster", Demo, TestSilo.ReadToken);
        await watch.ReceivedAsync(1);

        var stopped = stopping.StopAsync();
        var reply = await watch.Completion;
        await stopped;

        Assert.Equal("UNAVAILABLE", reply.Code);
        Assert.StartsWith("The operator is shutting down", reply.Details);
    }

    [Fact]
    public async Task A_watch_ends_with_DEADLINE_EXCEEDED_and_the_server_stops_watching()
    {
        silo.Clusters.Add(FakeClusterOperations.Demo("kafka", "deadline"));

        var reply = await grpc.StreamAsync("WatchCluster", new { @namespace = "kafka", name = "deadline" }, TestSilo.ReadToken, timeout: 1);

        Assert.Equal("DEADLINE_EXCEEDED", reply.Code);
        Assert.Single(reply.Responses);
        await silo.Clusters.WatchEndedAsync("kafka/deadline");
        silo.Clusters.Delete("kafka", "deadline"); // the host is shared: leave the list as found
    }

    [Fact]
    public async Task A_client_that_cancels_a_watch_ends_it_on_the_server()
    {
        silo.Clusters.Add(FakeClusterOperations.Demo("kafka", "cancelled"));

        var reply = await grpc.StreamAsync("WatchCluster", new { @namespace = "kafka", name = "cancelled" }, TestSilo.ReadToken, take: 1);

        Assert.Equal("TAKEN", reply.Code);
        await silo.Clusters.WatchEndedAsync("kafka/cancelled");
        silo.Clusters.Delete("kafka", "cancelled");
    }
}
