using System.Text.Json.Nodes;
using Actors.Emulator.Faults;
using Actors.Emulator.Tests.Support;
using Actors.Kubernetes;

namespace Actors.Emulator.Tests.Client;

/// <summary>The project's own Kubernetes client against the emulator: the pairing the operator and the end-to-end tests rely on.</summary>
public sealed class KubernetesClientTests : EmulatorTest
{
    KubernetesClient? client;
    KubernetesClient K => client ??= new KubernetesClient(KubernetesClientConfiguration.FromKubeConfigFile(Emulator.KubeconfigPath));

    public override async Task DisposeAsync()
    {
        client?.Dispose();
        await base.DisposeAsync();
    }

    static Actors.Kubernetes.ConfigMap Map(string name, string value) => new()
    {
        Metadata = new ObjectMeta { Name = name, Namespace = "default" },
        Data = new Dictionary<string, string> { ["k"] = value },
    };

    [Fact]
    public async Task The_client_creates_reads_and_replaces_through_the_kubeconfig()
    {
        var created = await K.CreateAsync(Map("a", "1"));
        Assert.False(string.IsNullOrEmpty(created.Metadata.Uid));
        created.Data!["k"] = "2";
        var replaced = await K.ReplaceAsync(created);
        Assert.Equal("2", (await K.GetAsync<Actors.Kubernetes.ConfigMap>("a", "default")).Data!["k"]);
        Assert.NotEqual(created.Metadata.ResourceVersion, replaced.Metadata.ResourceVersion);
    }

    [Fact]
    public async Task A_stale_replace_surfaces_as_a_conflict_and_a_duplicate_create_as_already_exists()
    {
        var created = await K.CreateAsync(Map("a", "1"));
        await K.ReplaceAsync(Map("a", "2").WithVersion(created.Metadata.ResourceVersion));
        var stale = await Assert.ThrowsAnyAsync<KubernetesApiException>(() => K.ReplaceAsync(Map("a", "3").WithVersion(created.Metadata.ResourceVersion)));
        Assert.True(stale.IsConflict);
        var duplicate = await Assert.ThrowsAnyAsync<KubernetesApiException>(() => K.CreateAsync(Map("a", "1")));
        Assert.True(duplicate.IsAlreadyExists);
    }

    [Fact]
    public async Task List_all_follows_continue_tokens_to_the_end()
    {
        for (var i = 0; i < 5; i++) await K.CreateAsync(Map($"cm-{i}", "x"));
        var all = await K.ListAllAsync<Actors.Kubernetes.ConfigMap>("default", new ListOptions { Limit = 2 });
        Assert.Equal(5, all.Items.Count);
    }

    [Fact]
    public async Task A_watch_through_the_client_sees_changes()
    {
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var events = K.WatchAsync<Actors.Kubernetes.ConfigMap>("default", new WatchOptions { ResourceVersion = Emulator.Store.Revision.ToString() }, stop.Token)
            .GetAsyncEnumerator(stop.Token);
        var next = events.MoveNextAsync().AsTask();
        await K.CreateAsync(Map("a", "1"));
        Assert.True(await next);
        while (events.Current.Type == WatchEventType.Bookmark) Assert.True(await events.MoveNextAsync());
        Assert.Equal(WatchEventType.Added, events.Current.Type);
        Assert.Equal("a", events.Current.Object!.Metadata.Name);
        await events.DisposeAsync();
    }

    [Fact]
    public async Task Server_side_apply_through_the_client_owns_the_fields()
    {
        var applied = await K.ApplyAsync(Map("a", "1"), "operator");
        Assert.Equal("1", applied.Data!["k"]);
        var entries = Api.Ok(await Api.Get($"{ConfigMaps}/a"))["metadata"]!["managedFields"]!.AsArray();
        Assert.Contains(entries, e => e.Text("manager") == "operator" && e.Text("operation") == "Apply");
    }

    [Fact]
    public async Task An_injected_server_error_reaches_the_client_as_an_api_exception()
    {
        Emulator.Faults.FailNext(1, 500, new RequestMatch(Verb: "get", Resource: "configmaps"));
        await K.CreateAsync(Map("a", "1"));
        var error = await Assert.ThrowsAnyAsync<KubernetesApiException>(() => K.GetAsync<Actors.Kubernetes.ConfigMap>("a", "default"));
        Assert.True(error.IsServerError);
        Assert.Equal("1", (await K.GetAsync<Actors.Kubernetes.ConfigMap>("a", "default")).Data!["k"]);
    }

    [Fact]
    public async Task The_read_only_token_is_forbidden_to_write_through_the_client()
    {
        var text = await File.ReadAllTextAsync(Emulator.KubeconfigPath);
        var viewerPath = Path.Combine(Path.GetDirectoryName(Emulator.KubeconfigPath)!, "viewer-kubeconfig");
        await File.WriteAllTextAsync(viewerPath, text.Replace(Emulator.AdminToken, Emulator.ReadOnlyToken));
        using var viewer = new KubernetesClient(KubernetesClientConfiguration.FromKubeConfigFile(viewerPath));
        Assert.Empty((await viewer.ListAsync<Actors.Kubernetes.ConfigMap>("default")).Items);
        var error = await Assert.ThrowsAnyAsync<KubernetesApiException>(() => viewer.CreateAsync(Map("a", "1")));
        Assert.True(error.IsForbidden);
    }
}

static class ConfigMapVersions
{
    public static Actors.Kubernetes.ConfigMap WithVersion(this Actors.Kubernetes.ConfigMap map, string? resourceVersion)
    {
        map.Metadata.ResourceVersion = resourceVersion;
        return map;
    }
}
