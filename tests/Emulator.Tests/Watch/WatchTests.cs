using System.Text.Json.Nodes;
using Actors.Emulator.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace Actors.Emulator.Tests.Watch;

public sealed class WatchTests : EmulatorTest
{
    readonly FakeTimeProvider clock = new(TestTime.Start);
    protected override EmulatorOptions Options() => new() { TimeProvider = clock, EventHistorySize = 50, BookmarkInterval = TimeSpan.FromSeconds(10) };

    Task<WatchReader> Watch(string query) => WatchReader.Open(Api.Http, $"{ConfigMaps}?watch=true&{query}");

    static async Task<(string Type, string Name)> Next(WatchReader w)
    {
        var e = await w.Next() ?? throw new Xunit.Sdk.XunitException("the watch ended early");
        return (e.Type, e.Object.Text("metadata", "name")!);
    }

    [Fact]
    public async Task A_watch_without_resource_version_starts_with_the_current_objects_then_streams_changes()
    {
        await Create(ConfigMaps, Objects.ConfigMap("a"));
        await using var w = await Watch("");
        Assert.Equal(("ADDED", "a"), await Next(w));
        Api.Ok(await Api.Patch($"{ConfigMaps}/a", "application/merge-patch+json", """{"data":{"k":"2"}}"""));
        await Create(ConfigMaps, Objects.ConfigMap("b"));
        Api.Ok(await Api.Delete($"{ConfigMaps}/a"));
        Assert.Equal(("MODIFIED", "a"), await Next(w));
        Assert.Equal(("ADDED", "b"), await Next(w));
        Assert.Equal(("DELETED", "a"), await Next(w));
    }

    [Fact]
    public async Task A_watch_from_a_resource_version_replays_only_later_events()
    {
        await Create(ConfigMaps, Objects.ConfigMap("before"));
        var list = Api.Ok(await Api.Get(ConfigMaps));
        await Create(ConfigMaps, Objects.ConfigMap("after"));
        await using var w = await Watch($"resourceVersion={list.Text("metadata", "resourceVersion")}");
        Assert.Equal(("ADDED", "after"), await Next(w));
    }

    [Fact]
    public async Task A_watch_from_a_compacted_resource_version_gets_a_410_error_event()
    {
        var a = await Create(ConfigMaps, Objects.ConfigMap("a"));
        await Create(ConfigMaps, Objects.ConfigMap("b"));
        Emulator.Faults.ExpireHistory();
        await using var w = await Watch($"resourceVersion={a.Text("metadata", "resourceVersion")}");
        var e = await w.Next();
        Assert.Equal("ERROR", e!.Value.Type);
        Assert.Equal("410", e.Value.Object.Text("code"));
        Assert.Contains("too old resource version", e.Value.Object.Text("message"));
    }

    [Fact]
    public async Task The_history_is_bounded_so_old_revisions_expire_on_their_own()
    {
        var first = await Create(ConfigMaps, Objects.ConfigMap("first"));
        for (var i = 0; i < 60; i++) await Create(ConfigMaps, Objects.ConfigMap($"cm-{i}"));
        await using var w = await Watch($"resourceVersion={first.Text("metadata", "resourceVersion")}");
        Assert.Equal("ERROR", (await w.Next())!.Value.Type);
    }

    [Fact]
    public async Task A_label_selected_watch_sees_an_object_that_stops_matching_as_deleted()
    {
        await Create(ConfigMaps, Objects.ConfigMap("a", new JsonObject { ["app"] = "kafka" }));
        await using var w = await Watch("labelSelector=app%3Dkafka");
        Assert.Equal(("ADDED", "a"), await Next(w));
        await Create(ConfigMaps, Objects.ConfigMap("other", new JsonObject { ["app"] = "zk" }));
        Api.Ok(await Api.Patch($"{ConfigMaps}/a", "application/merge-patch+json", """{"metadata":{"labels":{"app":"zk"}}}"""));
        Api.Ok(await Api.Patch($"{ConfigMaps}/other", "application/merge-patch+json", """{"metadata":{"labels":{"app":"kafka"}}}"""));
        Assert.Equal(("DELETED", "a"), await Next(w));
        Assert.Equal(("ADDED", "other"), await Next(w));
    }

    [Fact]
    public async Task A_field_selected_watch_follows_one_object()
    {
        await using var w = await Watch("fieldSelector=metadata.name%3Db");
        await Create(ConfigMaps, Objects.ConfigMap("a"));
        await Create(ConfigMaps, Objects.ConfigMap("b"));
        Assert.Equal(("ADDED", "b"), await Next(w));
    }

    [Fact]
    public async Task Bookmarks_arrive_when_allowed_and_carry_the_latest_resource_version()
    {
        await using var w = await Watch("allowWatchBookmarks=true&resourceVersion=" + Emulator.Store.Revision);
        var created = await Create(ConfigMaps, Objects.ConfigMap("a"));
        Assert.Equal(("ADDED", "a"), await Next(w));
        clock.Advance(TimeSpan.FromSeconds(10));
        var bookmark = await w.Next();
        Assert.Equal("BOOKMARK", bookmark!.Value.Type);
        Assert.Equal(created.Text("metadata", "resourceVersion"), bookmark.Value.Object.Text("metadata", "resourceVersion"));
    }

    [Fact]
    public async Task The_server_ends_a_watch_at_its_timeout()
    {
        await using var w = await Watch("timeoutSeconds=30");
        clock.Advance(TimeSpan.FromSeconds(31));
        Assert.Null(await w.Next());
    }

    [Fact]
    public async Task Closing_all_watches_ends_open_streams()
    {
        await using var w = await Watch("");
        await Create(ConfigMaps, Objects.ConfigMap("a"));
        Assert.Equal(("ADDED", "a"), await Next(w));
        Emulator.Faults.CloseAllWatches();
        Assert.Null(await w.Next());
    }

    [Fact]
    public async Task Closing_the_watches_of_one_namespace_leaves_other_namespaces_watching()
    {
        await using var closed = await Watch("");
        await using var other = await WatchReader.Open(Api.Http, "/api/v1/namespaces/kube-system/configmaps?watch=true");
        await using var everywhere = await WatchReader.Open(Api.Http, "/api/v1/configmaps?watch=true");

        Emulator.Faults.CloseWatches("default");
        await Create("/api/v1/namespaces/kube-system/configmaps", Objects.ConfigMap("still"));

        Assert.Null(await closed.Next());
        Assert.Equal(("ADDED", "still"), await Next(other));
        Assert.Equal(("ADDED", "still"), await Next(everywhere));
    }

    [Fact]
    public async Task A_watch_path_with_a_name_follows_that_object()
    {
        await using var w = await WatchReader.Open(Api.Http, "/api/v1/watch/namespaces/default/configmaps/b");
        await Create(ConfigMaps, Objects.ConfigMap("a"));
        await Create(ConfigMaps, Objects.ConfigMap("b"));
        var e = await w.Next();
        Assert.Equal("b", e!.Value.Object.Text("metadata", "name"));
    }

    [Fact]
    public async Task A_table_watch_sends_rows()
    {
        await using var w = await WatchReader.Open(Api.Http, $"{ConfigMaps}?watch=true", "application/json;as=Table;v=v1;g=meta.k8s.io");
        await Create(ConfigMaps, Objects.ConfigMap("a"));
        var e = await w.Next();
        Assert.Equal("Table", e!.Value.Object.Text("kind"));
        Assert.Equal("a", e.Value.Object["rows"]![0]!["cells"]![0]!.ToString());
    }
}
