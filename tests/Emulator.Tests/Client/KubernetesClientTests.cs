using Actors.Emulator.Faults;
using Actors.Emulator.Tests.Support;
using Actors.Kubernetes;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace Actors.Emulator.Tests.Client;

/// <summary>
/// The official Kubernetes client (with the operator's request policy and kept watch layer) against
/// the emulator: the pairing the operator and the end-to-end tests rely on.
/// </summary>
public sealed class KubernetesClientTests : EmulatorTest
{
    k8s.Kubernetes? client;
    k8s.Kubernetes K => client ??= KubernetesClients.Create(Kubeconfig.Load([Emulator.KubeconfigPath]).Configuration);

    public override async Task DisposeAsync()
    {
        client?.Dispose();
        await base.DisposeAsync();
    }

    static V1ConfigMap Map(string name, string value, string? resourceVersion = null) => new()
    {
        ApiVersion = V1ConfigMap.KubeApiVersion,
        Kind = V1ConfigMap.KubeKind,
        Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = "default", ResourceVersion = resourceVersion },
        Data = new Dictionary<string, string> { ["k"] = value },
    };

    Task<V1ConfigMap> Create(V1ConfigMap map) => K.CoreV1.CreateNamespacedConfigMapAsync(map, "default");
    Task<V1ConfigMap> Replace(V1ConfigMap map) => K.CoreV1.ReplaceNamespacedConfigMapAsync(map, map.Metadata.Name, "default");
    Task<V1ConfigMap> Read(string name) => K.CoreV1.ReadNamespacedConfigMapAsync(name, "default");

    [Fact]
    public async Task The_client_creates_reads_and_replaces_through_the_kubeconfig()
    {
        var created = await Create(Map("a", "1"));
        Assert.False(string.IsNullOrEmpty(created.Metadata.Uid));
        created.Data!["k"] = "2";
        var replaced = await Replace(created);
        Assert.Equal("2", (await Read("a")).Data!["k"]);
        Assert.NotEqual(created.Metadata.ResourceVersion, replaced.Metadata.ResourceVersion);
    }

    [Fact]
    public async Task A_stale_replace_surfaces_as_a_conflict_and_a_duplicate_create_as_already_exists()
    {
        var created = await Create(Map("a", "1"));
        await Replace(Map("a", "2", created.Metadata.ResourceVersion));
        var stale = await Assert.ThrowsAsync<HttpOperationException>(() => Replace(Map("a", "3", created.Metadata.ResourceVersion)));
        Assert.True(stale.IsConflict());
        var duplicate = await Assert.ThrowsAsync<HttpOperationException>(() => Create(Map("a", "1")));
        Assert.True(duplicate.IsAlreadyExists());
    }

    [Fact]
    public async Task List_all_follows_continue_tokens_to_the_end()
    {
        for (var i = 0; i < 5; i++) await Create(Map($"cm-{i}", "x"));

        // Page by page with the library's own verb, as any client of it would.
        var names = new List<string>();
        string? next = null;
        do
        {
            var page = await K.CoreV1.ListNamespacedConfigMapAsync("default", limit: 2, continueParameter: next);
            Assert.True(page.Items.Count <= 2);
            names.AddRange(page.Items.Select(m => m.Metadata.Name));
            next = page.Metadata.ContinueProperty is { Length: > 0 } token ? token : null;
        }
        while (next is not null);
        Assert.Equal(5, names.Distinct().Count());

        // And through the informer's list, which pages the same way.
        var all = await CollectionList.ReadAsync<V1ConfigMap>(K, ResourceTypes.Of<V1ConfigMap>(), "default", null, null, 2, CancellationToken.None);
        Assert.Equal(5, all.Items.Count);
    }

    [Fact]
    public async Task A_watch_through_the_client_sees_changes()
    {
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var watch = new CollectionWatch<V1ConfigMap>(K, ResourceTypes.Of<V1ConfigMap>(), "default",
            new WatchOptions { ResourceVersion = Emulator.Store.Revision.ToString() });
        var events = watch.RunAsync(stop.Token).GetAsyncEnumerator(stop.Token);
        var next = events.MoveNextAsync().AsTask();
        await Create(Map("a", "1"));
        Assert.True(await next);
        while (events.Current.Type == WatchChangeType.Bookmark) Assert.True(await events.MoveNextAsync());
        Assert.Equal(WatchChangeType.Added, events.Current.Type);
        Assert.Equal("a", events.Current.Object!.Metadata.Name);
        await events.DisposeAsync();
    }

    [Fact]
    public async Task Server_side_apply_through_the_client_owns_the_fields()
    {
        var applied = await K.CoreV1.PatchNamespacedConfigMapAsync(new V1Patch(Map("a", "1"), V1Patch.PatchType.ApplyPatch), "a", "default",
            fieldManager: "operator");
        Assert.Equal("1", applied.Data!["k"]);
        var entries = Api.Ok(await Api.Get($"{ConfigMaps}/a"))["metadata"]!["managedFields"]!.AsArray();
        Assert.Contains(entries, e => e.Text("manager") == "operator" && e.Text("operation") == "Apply");
    }

    [Fact]
    public async Task An_injected_server_error_reaches_the_client_as_an_api_exception()
    {
        Emulator.Faults.FailNext(1, 500, new RequestMatch(Verb: "get", Resource: "configmaps"));
        await Create(Map("a", "1"));
        var error = await Assert.ThrowsAsync<HttpOperationException>(() => Read("a"));
        Assert.True(error.IsServerError());
        Assert.Equal("1", (await Read("a")).Data!["k"]);
    }

    [Fact]
    public async Task The_read_only_token_is_forbidden_to_write_through_the_client()
    {
        var text = await File.ReadAllTextAsync(Emulator.KubeconfigPath);
        var viewerPath = Path.Combine(Path.GetDirectoryName(Emulator.KubeconfigPath)!, "viewer-kubeconfig");
        await File.WriteAllTextAsync(viewerPath, text.Replace(Emulator.AdminToken, Emulator.ReadOnlyToken));
        using var viewer = KubernetesClients.Create(Kubeconfig.Load([viewerPath]).Configuration);
        Assert.Empty((await viewer.CoreV1.ListNamespacedConfigMapAsync("default")).Items);
        var error = await Assert.ThrowsAsync<HttpOperationException>(() => viewer.CoreV1.CreateNamespacedConfigMapAsync(Map("a", "1"), "default"));
        Assert.True(error.IsForbidden());
    }
}
