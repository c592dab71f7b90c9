using System.Text.Json.Nodes;
using Actors.Emulator.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace Actors.Emulator.Tests.Http;

public sealed class TableTests : EmulatorTest
{
    const string TableAccept = "application/json;as=Table;v=v1;g=meta.k8s.io,application/json";
    readonly FakeTimeProvider clock = new(TestTime.Start);
    protected override EmulatorOptions Options() => new() { TimeProvider = clock };

    static List<string> Columns(JsonObject table) =>
        table["columnDefinitions"]!.AsArray().Select(c => c.Text("name")!).ToList();

    [Fact]
    public async Task Custom_resources_are_tabled_with_their_printer_columns()
    {
        await InstallCrd();
        await Create(Clusters, Objects.KafkaCluster("demo", 3));
        Api.Ok(await Api.Patch($"{Clusters}/demo/status", "application/merge-patch+json",
            """{"status":{"conditions":[{"type":"Progressing","status":"True"},{"type":"Ready","status":"False"}]}}"""));
        clock.Advance(TimeSpan.FromMinutes(5));
        var table = Api.Ok(await Api.Get(Clusters, TableAccept));
        Assert.Equal("Table", table.Text("kind"));
        Assert.Equal(["Name", "Replicas", "Ready", "Age"], Columns(table));
        var cells = table["rows"]![0]!["cells"]!.AsArray().Select(c => c?.ToString()).ToList();
        Assert.Equal(["demo", "3", "False", "5m"], cells);
        Assert.Equal("demo", table["rows"]![0]!["object"].Text("metadata", "name"));
    }

    [Fact]
    public async Task Pods_are_tabled_with_ready_status_restarts_and_age()
    {
        await Create(Pods, Objects.Pod("kafka-0", node: "node-1"));
        Api.Ok(await Api.Patch($"{Pods}/kafka-0/status", "application/merge-patch+json",
            """{"status":{"phase":"Running","containerStatuses":[{"name":"kafka","ready":true,"restartCount":2}]}}"""));
        var table = Api.Ok(await Api.Get("/api/v1/pods", TableAccept));
        Assert.Equal(["Name", "Ready", "Status", "Restarts", "Age"], Columns(table).Take(5));
        var cells = table["rows"]![0]!["cells"]!.AsArray().Select(c => c?.ToString()).Take(5).ToList();
        Assert.Equal(["kafka-0", "1/1", "Running", "2", "0s"], cells);
    }

    [Fact]
    public async Task Other_resources_get_name_and_age()
    {
        await Create(ConfigMaps, Objects.ConfigMap("a"));
        clock.Advance(TimeSpan.FromHours(3));
        var table = Api.Ok(await Api.Get($"{ConfigMaps}/a", TableAccept));
        Assert.Equal(["Name", "Age"], Columns(table));
        Assert.Equal("3h", table["rows"]![0]!["cells"]![1]!.ToString());
    }

    [Fact]
    public async Task Nodes_are_tabled_with_status_roles_and_version()
    {
        await Create("/api/v1/nodes", new JsonObject
        {
            ["metadata"] = new JsonObject { ["name"] = "node-1", ["labels"] = new JsonObject { ["node-role.kubernetes.io/worker"] = "" } },
        });
        Api.Ok(await Api.Patch("/api/v1/nodes/node-1/status", "application/merge-patch+json",
            """{"status":{"conditions":[{"type":"Ready","status":"True"}],"nodeInfo":{"kubeletVersion":"v1.32.0"}}}"""));
        var table = Api.Ok(await Api.Get("/api/v1/nodes", TableAccept));
        Assert.Equal(["Name", "Status", "Roles", "Age", "Version"], Columns(table));
        var cells = table["rows"]![0]!["cells"]!.AsArray().Select(c => c?.ToString()).ToList();
        Assert.Equal(["node-1", "Ready", "worker", "0s", "v1.32.0"], cells);
    }
}
