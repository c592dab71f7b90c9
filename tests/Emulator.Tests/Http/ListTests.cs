using System.Text.Json.Nodes;
using Actors.Emulator.Tests.Support;

namespace Actors.Emulator.Tests.Http;

public sealed class ListTests : EmulatorTest
{
    protected override EmulatorOptions Options() => new() { EventHistorySize = 20 };

    async Task<List<string>> Names(string query)
    {
        var list = Api.Ok(await Api.Get($"{ConfigMaps}?{query}"));
        return list["items"]!.AsArray().Select(i => i.Text("metadata", "name")!).ToList();
    }

    [Fact]
    public async Task Label_selectors_filter_lists()
    {
        await Create(ConfigMaps, Objects.ConfigMap("a", new JsonObject { ["app"] = "kafka", ["role"] = "broker" }));
        await Create(ConfigMaps, Objects.ConfigMap("b", new JsonObject { ["app"] = "kafka", ["role"] = "controller" }));
        await Create(ConfigMaps, Objects.ConfigMap("c", new JsonObject { ["app"] = "zk" }));
        Assert.Equal(["a", "b"], await Names("labelSelector=" + Uri.EscapeDataString("app=kafka")));
        Assert.Equal(["a", "b"], await Names("labelSelector=" + Uri.EscapeDataString("app==kafka")));
        Assert.Equal(["b", "c"], await Names("labelSelector=" + Uri.EscapeDataString("role!=broker")));
        Assert.Equal(["a"], await Names("labelSelector=" + Uri.EscapeDataString("role in (broker),app in (kafka)")));
        Assert.Equal(["c"], await Names("labelSelector=" + Uri.EscapeDataString("app notin (kafka)")));
        Assert.Equal(["a", "b"], await Names("labelSelector=role"));
        Assert.Equal(["c"], await Names("labelSelector=" + Uri.EscapeDataString("!role")));
    }

    [Fact]
    public async Task Field_selectors_filter_by_name_namespace_node_and_phase()
    {
        await Create(Pods, Objects.Pod("p1", node: "node-1"));
        await Create(Pods, Objects.Pod("p2", node: "node-2"));
        Api.Ok(await Api.Patch($"{Pods}/p2/status", "application/merge-patch+json", """{"status":{"phase":"Running"}}"""));
        async Task<List<string>> PodNames(string selector) =>
            Api.Ok(await Api.Get($"/api/v1/pods?fieldSelector={Uri.EscapeDataString(selector)}"))["items"]!.AsArray()
                .Select(i => i.Text("metadata", "name")!).ToList();
        Assert.Equal(["p1"], await PodNames("spec.nodeName=node-1"));
        Assert.Equal(["p2"], await PodNames("status.phase=Running"));
        Assert.Equal(["p1"], await PodNames("status.phase!=Running"));
        Assert.Equal(["p2"], await PodNames("metadata.name=p2,metadata.namespace=default"));
        Assert.Empty(await PodNames("metadata.namespace=kube-system"));
    }

    [Fact]
    public async Task Limit_and_continue_page_through_everything_once()
    {
        for (var i = 0; i < 7; i++) await Create(ConfigMaps, Objects.ConfigMap($"cm-{i}"));
        var seen = new List<string>();
        string? token = null;
        var pages = 0;
        do
        {
            var list = Api.Ok(await Api.Get($"{ConfigMaps}?limit=3" + (token is null ? "" : $"&continue={Uri.EscapeDataString(token)}")));
            seen.AddRange(list["items"]!.AsArray().Select(i => i.Text("metadata", "name")!));
            token = list.Text("metadata", "continue");
            pages++;
        } while (!string.IsNullOrEmpty(token));
        Assert.Equal(3, pages);
        Assert.Equal(Enumerable.Range(0, 7).Select(i => $"cm-{i}"), seen);
    }

    [Fact]
    public async Task A_continue_token_older_than_the_history_is_Gone()
    {
        for (var i = 0; i < 4; i++) await Create(ConfigMaps, Objects.ConfigMap($"cm-{i}"));
        var first = Api.Ok(await Api.Get($"{ConfigMaps}?limit=2"));
        Emulator.Faults.ExpireHistory();
        var r = await Api.Get($"{ConfigMaps}?limit=2&continue={Uri.EscapeDataString(first.Text("metadata", "continue")!)}");
        Assert.Equal(410, r.Code);
        Assert.Equal("Expired", r.Reason);
    }

    [Fact]
    public async Task A_malformed_continue_token_is_a_bad_request()
    {
        Assert.Equal(400, (await Api.Get($"{ConfigMaps}?continue=garbage")).Code);
    }

    [Fact]
    public async Task Lists_carry_kind_api_version_and_the_current_resource_version()
    {
        var cm = await Create(ConfigMaps, Objects.ConfigMap("a"));
        var list = Api.Ok(await Api.Get(ConfigMaps));
        Assert.Equal("ConfigMapList", list.Text("kind"));
        Assert.Equal("v1", list.Text("apiVersion"));
        Assert.True(long.Parse(list.Text("metadata", "resourceVersion")!) >= long.Parse(cm.Text("metadata", "resourceVersion")!));
        Assert.Equal("ConfigMap", list["items"]![0].Text("kind"));
    }
}
