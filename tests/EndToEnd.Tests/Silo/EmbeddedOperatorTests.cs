using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Actors.Contracts.Api;
using Actors.EndToEnd.Tests.Harness;
using Actors.Kubernetes;

namespace Actors.EndToEnd.Tests.Silo;

/// <summary>
/// The newcomer's whole first session, against the silo as a real process in embedded mode:
/// the sample comes up in order (watched through the SSE stream), kubectl sees it, it is
/// scaled over HTTP, restarted over gRPC by a client the project did not write, deleted with
/// kubectl, and the silo stops cleanly on SIGTERM. Pod-level orderings come from a watch of
/// the embedded API server (the kubeconfig the silo wrote), the API server's own order.
/// </summary>
public sealed class EmbeddedOperatorTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const string Ns = "kafka";
    private const string Name = "demo";
    private static readonly TimeSpan StepLimit = TimeSpan.FromSeconds(150);

    private readonly string workDir = Directory.CreateTempSubdirectory("silo-e2e-").FullName;
    private SiloProcess silo = null!;

    public Task InitializeAsync() => Task.CompletedTask;

    [Fact]
    public async Task The_sample_starts_in_order_scales_restarts_one_node_at_a_time_and_shuts_down_in_order()
    {
        silo = await SiloProcess.StartAsync(workDir, output, ["--http-address", "127.0.0.1:0", "--grpc-address", "127.0.0.1:0"]);
        var bannerAt = DateTime.UtcNow;
        Assert.Contains(silo.Output, line => line.Contains("kubectl --kubeconfig .actors/kubeconfig -n kafka get kc,pods", StringComparison.Ordinal));
        var token = await silo.ReadStateAsync("token");
        var kubectl = new Kubectl(".actors/kubeconfig", workDir, output);
        using var client = KubernetesClients.Create(Kubeconfig.Load([silo.StateFile("kubeconfig")]).Configuration);
        await using var pods = await PodTimeline.StartAsync(client, Ns);
        await using var stream = await ClusterStream.OpenAsync(silo.Http, token, Ns, Name);

        // The silo applied the sample at start-up; applying it again with kubectl changes nothing.
        var applied = await kubectl.Ok("apply", "-f", Repository.PathOf("deploy/samples/kafkacluster-demo.yaml"));
        Assert.Contains("kafkacluster.kafka.actors.dev/demo", applied);

        // Ordered start-up, as the stream shows it.
        var ready = await stream.UntilAsync(IsReadyAtRest, "the sample Ready", StepLimit);
        Log($"sample Ready {(ready.Received - silo.StartedAt).TotalSeconds:0.0}s after the process started " +
            $"({(ready.Received - bannerAt).TotalSeconds:0.0}s after the banner), {ready.Sequence + 1} views streamed");
        var startUp = stream.Views.Take(ready.Sequence + 1).ToList();
        foreach (var streamed in startUp)
            Assert.True(StartUpOrder.Violation(streamed.View) is null, $"view {ClusterStream.Describe(streamed)}: {StartUpOrder.Violation(streamed.View)}");
        var present = startUp.Select(v => StartUpOrder.Present(v.View)).Distinct().ToList();
        Assert.True(present[0] < 6, $"the stream opened after the start-up was over: {ClusterStream.Describe(startUp[0])}");
        Assert.Equal(Enumerable.Range(present[0], 6 - present[0] + 1), present); // nodes appear one at a time, never out of order
        Assert.Equal(6, ready.View.Nodes.Count(n => n.Ready));

        var listed = await kubectl.Ok("-n", Ns, "get", "kc", Name, "-o", "jsonpath={.metadata.name} {.status.conditions[?(@.type==\"Ready\")].status}");
        Assert.Equal("demo True", listed.Trim());

        // The sample waits its minReadySeconds after each node; the later steps need not.
        await kubectl.Ok("-n", Ns, "patch", "kc", Name, "--type", "merge", "-p", "{\"spec\":{\"rollout\":{\"minReadySeconds\":0}}}");
        await stream.UntilAsync(v => v.Generation == 2 && IsReadyAtRest(v), "Ready at generation 2", StepLimit);

        await ScaleOverHttpAsync(stream, pods, token);
        await RestartOverGrpcAsync(stream, pods, token);
        await DeleteWithKubectlAsync(stream, pods, kubectl);

        Assert.Equal(0, await silo.TerminateAsync(TimeSpan.FromSeconds(60)));
        Assert.Contains(silo.Output, line => line.Contains("Operator silo stopped", StringComparison.Ordinal));
    }

    private async Task ScaleOverHttpAsync(ClusterStream stream, PodTimeline pods, string token)
    {
        var mark = pods.Count;
        var from = stream.Views.Count;
        using var http = new HttpClient { BaseAddress = silo.Http, Timeout = TimeSpan.FromSeconds(60) };
        using var scale = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/clusters/{Ns}/{Name}/scale")
        {
            Content = new StringContent("{\"brokers\": 4}", Encoding.UTF8, "application/json"),
        };
        scale.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var answer = await http.SendAsync(scale);
        Assert.Equal(HttpStatusCode.Accepted, answer.StatusCode);
        Assert.Equal(4, JsonDocument.Parse(await answer.Content.ReadAsStringAsync()).RootElement.GetProperty("desiredBrokers").GetInt32());

        var joined = await stream.UntilAsync(v => v.Generation == 3 && IsReadyAtRest(v), "Ready with four brokers", StepLimit, from);
        Assert.Equal(4, joined.View.ReadyBrokers);
        Assert.Contains(joined.View.Nodes, n => n is { Role: "broker", Ordinal: 3, Ready: true });
        Assert.Equal(["demo-broker-3"], pods.Creations(mark).Select(c => c.Pod));
        Assert.Empty(pods.Deletions(mark));
        Log($"broker 3 joined {(joined.Received - stream.Views[from].Received).TotalSeconds:0.0}s after the scale request");
    }

    private async Task RestartOverGrpcAsync(ClusterStream stream, PodTimeline pods, string token)
    {
        var mark = pods.Count;
        var from = stream.Views.Count;
        var started = DateTime.UtcNow;
        var answer = await PythonGrpc.CallAsync(silo.Grpc, "RestartCluster", new { @namespace = Ns, name = Name }, token);
        Assert.True(answer.Code == "OK", $"RestartCluster answered {answer.Code}: {answer.Details}");
        Assert.Equal(Name, answer.Response!.Value.GetProperty("name").GetString());

        var rolling = await stream.UntilAsync(v => v.Phase == "Rolling", "the roll under way", StepLimit, from);
        await Eventually.UntilAsync(() => pods.Creations(mark).Count == 7, "every node was restarted", StepLimit);
        var done = await stream.UntilAsync(IsReadyAtRest, "Ready after the roll", StepLimit, rolling.Sequence);
        Log($"rolling restart of 7 nodes took {(done.Received - started).TotalSeconds:0.0}s");

        var deleted = pods.Deletions(mark);
        Assert.Equal(Members.Order(), deleted.Select(d => d.Pod).Order()); // each node restarted exactly once
        Assert.Equal(7, pods.Creations(mark).Select(c => c.Pod).Distinct().Count());
        Assert.True(pods.MostUnavailable(Members, mark) <= 1, "more than one node (maxUnavailable 1) was unavailable at once during the roll");
        Assert.True(deleted.Select(d => d.Pod).TakeWhile(p => p.Contains("controller")).Count() == 3, $"controllers roll before brokers: {string.Join(", ", deleted.Select(d => d.Pod))}");
    }

    private async Task DeleteWithKubectlAsync(ClusterStream stream, PodTimeline pods, Kubectl kubectl)
    {
        var mark = pods.Count;
        await kubectl.Ok("-n", Ns, "delete", "kc", Name, "--timeout=150s");
        await stream.UntilEndedAsync(TimeSpan.FromSeconds(30));
        await Eventually.UntilAsync(() => pods.Changes.Skip(mark).Count(c => c.Type == WatchChangeType.Deleted) == 7, "every pod is gone", StepLimit);

        string[] stopOrder = ["demo-broker-3", "demo-broker-2", "demo-broker-1", "demo-broker-0", "demo-controller-2", "demo-controller-1", "demo-controller-0"];
        var deletions = pods.Deletions(mark);
        Assert.Equal(stopOrder, deletions.Select(d => d.Pod));
        var changes = pods.Changes;
        for (var i = 1; i < deletions.Count; i++)
        {
            var previousGone = changes.First(c => c.Uid == deletions[i - 1].Uid && c.Type == WatchChangeType.Deleted).Sequence;
            Assert.True(previousGone < deletions[i].Sequence, $"{deletions[i].Pod} was stopped before {deletions[i - 1].Pod} was gone");
        }

        var gone = await kubectl.Run("-n", Ns, "get", "kc", Name);
        Assert.NotEqual(0, gone.ExitCode);
        Assert.Contains("NotFound", gone.Err);
        // whenDeleted: Retain — the data outlives the cluster.
        var volumes = await kubectl.Ok("-n", Ns, "get", "pvc", "-o", "name");
        Assert.Equal(7, volumes.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
    }

    private static readonly string[] Members =
        ["demo-controller-0", "demo-controller-1", "demo-controller-2", "demo-broker-0", "demo-broker-1", "demo-broker-2", "demo-broker-3"];

    private static bool IsReadyAtRest(ClusterView view) =>
        view.Conditions.Any(c => c is { Type: "Ready", Status: "True" }) && view.ObservedGeneration == view.Generation && view.Operation is null;

    private void Log(string line) => output.WriteLine($"{DateTime.UtcNow:HH:mm:ss.fff} scenario: {line}");

    public async Task DisposeAsync()
    {
        if (silo is not null) await silo.DisposeAsync();
        Directory.Delete(workDir, recursive: true);
    }
}
