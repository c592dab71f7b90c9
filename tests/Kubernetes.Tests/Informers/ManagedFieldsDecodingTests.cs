using k8s.Models;

namespace Actors.Kubernetes.Tests;

/// <summary>
/// An informer asked to drop managedFields never decodes them, from its list or its watch; one not
/// asked keeps them as the API sent them; everything else in the object is read alike.
/// </summary>
public sealed class ManagedFieldsDecodingTests : IAsyncLifetime
{
    private TestCluster _cluster = null!;

    public async Task InitializeAsync() => _cluster = await TestCluster.StartAsync();

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    /// <summary>A pod as the API server sends it after a server-side apply: labels, and one managedFields entry per manager.</summary>
    private static string AppliedPod(string name, string rv) =>
        """{"apiVersion":"v1","kind":"Pod","metadata":{"name":"NAME","namespace":"kafka","resourceVersion":"RV","uid":"uid-NAME","labels":{"role":"broker"},"managedFields":[{"manager":"actors-operator","operation":"Apply","apiVersion":"v1","time":"2026-12-04T18:00:00Z","fieldsType":"FieldsV1","fieldsV1":{"f:metadata":{"f:labels":{"f:role":{}}}}},{"manager":"kubelet","operation":"Update","apiVersion":"v1","fieldsType":"FieldsV1","fieldsV1":{"f:status":{"f:phase":{}}},"subresource":"status"}]},"status":{"phase":"Running"}}""".Replace("NAME", name).Replace("RV", rv);

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Listed_and_watched_objects_carry_managedFields_only_when_kept(bool drop)
    {
        using var client = _cluster.Client();
        _cluster.Server.ThenJson(200, Json.PodList("100", null, AppliedPod("b0", "90")));
        var watch = _cluster.Server.ThenWatch();
        var options = new InformerOptions
        {
            Namespace = "kafka", ResyncPeriod = null,
            Watch = new WatchOptions { Backoff = new WatchBackoff(TimeSpan.Zero, TimeSpan.Zero), DropManagedFields = drop },
        };
        await using var informer = new Informer<V1Pod>(client, options);
        informer.Start();
        await informer.WaitForSyncAsync().WaitAsync(TimeSpan.FromSeconds(30));
        await watch.Opened;
        watch.Send("ADDED", AppliedPod("b1", "101"));
        using var cached = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (informer.Get("b1", "kafka") is null) await Task.Delay(20, cached.Token);

        foreach (var pod in new[] { informer.Get("b0", "kafka")!, informer.Get("b1", "kafka")! })
        {
            Assert.Equal("broker", pod.Metadata.Labels["role"]);
            Assert.Equal("Running", pod.Status.Phase);
            if (drop) Assert.Null(pod.Metadata.ManagedFields);
            else Assert.Equal(["actors-operator", "kubelet"], pod.Metadata.ManagedFields!.Select(f => f.Manager));
        }
    }
}
