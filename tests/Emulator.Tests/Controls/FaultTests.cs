using System.Text.Json.Nodes;
using Actors.Emulator.Faults;
using Actors.Emulator.Tests.Support;

namespace Actors.Emulator.Tests.Controls;

public sealed class FaultTests : EmulatorTest
{
    [Fact]
    public async Task The_next_n_matching_requests_fail_with_the_given_code_then_succeed()
    {
        Emulator.Faults.FailNext(2, 503, new RequestMatch(Verb: "create", Resource: "configmaps"));
        Assert.Equal(200, (await Api.Get(ConfigMaps)).Code);
        var first = await Api.Post(ConfigMaps, Objects.ConfigMap("a"));
        Assert.Equal(503, first.Code);
        Assert.Equal("ServiceUnavailable", first.Reason);
        Assert.Equal(503, (await Api.Post(ConfigMaps, Objects.ConfigMap("a"))).Code);
        Assert.Equal(201, (await Api.Post(ConfigMaps, Objects.ConfigMap("a"))).Code);
    }

    [Fact]
    public async Task A_fault_can_target_one_object_by_name()
    {
        await Create(ConfigMaps, Objects.ConfigMap("a"));
        await Create(ConfigMaps, Objects.ConfigMap("b"));
        Emulator.Faults.FailNext(1, 500, new RequestMatch(Verb: "get", Name: "b"));
        Assert.Equal(200, (await Api.Get($"{ConfigMaps}/a")).Code);
        Assert.Equal(500, (await Api.Get($"{ConfigMaps}/b")).Code);
        Assert.Equal(200, (await Api.Get($"{ConfigMaps}/b")).Code);
    }

    [Fact]
    public async Task A_fault_can_target_the_status_subresource_or_the_object_itself_as_RBAC_tells_them_apart()
    {
        var created = await Create(Pods, Objects.Pod("p"));
        Emulator.Faults.FailNext(1, 403, new RequestMatch(Verb: "update", Resource: "pods", Subresource: "status"));
        Emulator.Faults.FailNext(1, 422, new RequestMatch(Verb: "update", Resource: "pods", Subresource: RequestMatch.ObjectItself));

        Assert.Equal(403, (await Api.Put($"{Pods}/p/status", created)).Code);
        Assert.Equal(422, (await Api.Put($"{Pods}/p", created)).Code);
        Assert.Empty(Emulator.Faults.PendingFailures);
    }

    [Fact]
    public async Task Faults_can_be_injected_over_http_with_the_admin_token_only()
    {
        var viewer = new Support.Api(Emulator.CreateHttpClient(Emulator.ReadOnlyToken));
        var denied = await viewer.Post("/emulator/faults", new JsonObject { ["action"] = "fail", ["code"] = 500 });
        Assert.Equal(403, denied.Code);

        Api.Ok(await Api.Post("/emulator/faults", new JsonObject { ["action"] = "fail", ["count"] = 1, ["code"] = 429, ["verb"] = "list", ["resource"] = "pods" }));
        var pending = Api.Ok(await Api.Get("/emulator/faults"));
        Assert.Equal("429", pending["failures"]![0].Text("code"));
        var r = await Api.Get(Pods);
        Assert.Equal(429, r.Code);
        Assert.Equal(200, (await Api.Get(Pods)).Code);
    }

    [Fact]
    public async Task Watches_can_be_closed_and_history_expired_over_http()
    {
        var a = await Create(ConfigMaps, Objects.ConfigMap("a"));
        await using var w = await WatchReader.Open(Api.Http, $"{ConfigMaps}?watch=true");
        Assert.Equal("ADDED", (await w.Next())!.Value.Type);
        Api.Ok(await Api.Post("/emulator/faults", new JsonObject { ["action"] = "closeWatches" }));
        Assert.Null(await w.Next());

        Api.Ok(await Api.Post("/emulator/faults", new JsonObject { ["action"] = "expireHistory" }));
        await using var old = await WatchReader.Open(Api.Http, $"{ConfigMaps}?watch=true&resourceVersion={a.Text("metadata", "resourceVersion")}");
        Assert.Equal("ERROR", (await old.Next())!.Value.Type);
    }

    [Fact]
    public async Task Latency_applies_only_to_matching_requests_and_can_be_cleared()
    {
        var rule = Emulator.Faults.AddLatency(TimeSpan.FromMilliseconds(1), new RequestMatch(Resource: "pods"));
        Assert.Equal(TimeSpan.FromMilliseconds(1), rule.Delay);
        Assert.Equal(200, (await Api.Get(Pods)).Code);
        Emulator.Faults.Clear();
        Assert.Empty(Emulator.Faults.PendingFailures);
    }
}

public sealed class KubeletSwitchTests : EmulatorTest
{
    [Fact]
    public async Task The_kubelet_switch_flips_over_http_and_is_visible_to_the_kubelet()
    {
        var flips = new List<bool>();
        Emulator.Kubelet.Changed += flips.Add;
        Assert.False(Emulator.Kubelet.Paused);
        var r = Api.Ok(await Api.Post("/emulator/kubelet", new JsonObject { ["paused"] = true }));
        Assert.Equal("true", r.Text("paused"));
        Assert.True(Emulator.Kubelet.Paused);
        Assert.Equal("true", Api.Ok(await Api.Get("/emulator/kubelet")).Text("paused"));
        Emulator.Kubelet.Paused = false;
        Assert.Equal([true, false], flips);
    }
}

public sealed class AuditTests : EmulatorTest
{
    [Fact]
    public async Task Every_committed_write_is_recorded_in_order_with_its_resource_version()
    {
        var a = await Create(ConfigMaps, Objects.ConfigMap("a"));
        Api.Ok(await Api.Patch($"{ConfigMaps}/a", "application/merge-patch+json", """{"data":{"k":"2"}}"""));
        Assert.Equal(409, (await Api.Post(ConfigMaps, Objects.ConfigMap("a"))).Code);
        Api.Ok(await Api.Delete($"{ConfigMaps}/a"));

        var records = Emulator.Audit.For("configmaps", "default", "a");
        Assert.Equal(["create", "patch", "delete"], records.Select(r => r.Verb));
        Assert.Equal(a.Text("metadata", "resourceVersion"), records[0].ResourceVersion);
        Assert.True(records[0].Sequence < records[1].Sequence && records[1].Sequence < records[2].Sequence);
        Assert.Equal("admin", records[0].User);
    }

    [Fact]
    public async Task Each_record_keeps_the_object_as_that_write_stored_it()
    {
        await Create(Pods, Objects.Pod("kafka-0"));
        Api.Ok(await Api.Patch($"{Pods}/kafka-0/status", "application/merge-patch+json",
            """{"status":{"conditions":[{"type":"Ready","status":"True"}]}}"""));
        Api.Ok(await Api.Delete($"{Pods}/kafka-0"));
        var records = Emulator.Audit.For("pods", "default", "kafka-0");
        Assert.Equal([null, "status", null], records.Select(r => r.Subresource));
        Assert.Null(records[0].Object["status"]!["conditions"]);
        Assert.Equal("True", records[1].Object["status"]!["conditions"]![0].Text("status"));
        Assert.Equal([false, false, true], records.Select(r => r.Removed));
        var overHttp = Api.Ok(await Api.Get("/emulator/audit?resource=pods&objects=true"))["items"]!.AsArray();
        Assert.Equal("True", overHttp[1]!["object"]!["status"]!["conditions"]![0].Text("status"));
    }

    [Fact]
    public async Task The_audit_log_is_readable_over_http_filtered_by_resource()
    {
        await Create(ConfigMaps, Objects.ConfigMap("a"));
        await Create(Pods, Objects.Pod("p"));
        var items = Api.Ok(await Api.Get("/emulator/audit?resource=pods"))["items"]!.AsArray();
        Assert.Single(items);
        Assert.Equal("p", items[0].Text("name"));
        Assert.Equal("create", items[0].Text("verb"));
    }

    [Fact]
    public async Task Dry_runs_and_rejected_writes_are_not_audited()
    {
        var before = Emulator.Audit.Records.Count;
        Api.Ok(await Api.Post(ConfigMaps + "?dryRun=All", Objects.ConfigMap("a")));
        Assert.Equal(404, (await Api.Delete($"{ConfigMaps}/missing")).Code);
        Assert.Equal(before, Emulator.Audit.Records.Count);
    }
}
