using System.Text.Json.Nodes;
using Actors.Emulator.Tests.Support;

namespace Actors.Emulator.Tests.Admission;

/// <summary>
/// With a status subresource, status belongs to controllers: kube-apiserver drops a status sent with a
/// create or a main-resource update, and keeps everything but status from a /status update.
/// </summary>
public sealed class StatusOnWriteTests : EmulatorTest
{
    static JsonObject ClusterWithStatus(string name)
    {
        var cluster = Objects.KafkaCluster(name, 3);
        cluster["status"] = new JsonObject { ["applied"] = new JsonObject { ["controllerReplicas"] = 5 } };
        return cluster;
    }

    [Fact]
    public async Task A_status_sent_with_a_create_is_dropped()
    {
        await InstallCrd();

        var created = await Create(Clusters, ClusterWithStatus("c"));

        Assert.Null(created["status"]);
        Assert.Null((await Find(Clusters, "c"))!["status"]);
    }

    [Fact]
    public async Task A_status_sent_with_a_pod_create_is_replaced_by_Pending()
    {
        var pod = Objects.Pod("p");
        pod["status"] = new JsonObject { ["phase"] = "Running", ["podIP"] = "10.0.0.9" };

        var created = await Create(Pods, pod);

        Assert.Equal("Pending", created.Text("status", "phase"));
        Assert.Null(created["status"]!["podIP"]);
    }

    [Fact]
    public async Task A_main_resource_update_keeps_the_stored_status()
    {
        await InstallCrd();
        var created = await Create(Clusters, Objects.KafkaCluster("c", 3));
        created["status"] = new JsonObject { ["phase"] = "Ready" };
        Api.Ok(await Api.Put($"{Clusters}/c/status", created));
        var current = (await Find(Clusters, "c"))!;
        current["status"] = new JsonObject { ["phase"] = "Forged" };
        current["spec"]!["replicas"] = 4;

        var updated = Api.Ok(await Api.Put($"{Clusters}/c", current));

        Assert.Equal("Ready", updated.Text("status", "phase"));
        Assert.Equal("4", updated.Text("spec", "replicas"));
    }

    [Fact]
    public async Task A_status_update_keeps_the_stored_spec()
    {
        await InstallCrd();
        var created = await Create(Clusters, Objects.KafkaCluster("c", 3));
        created["spec"]!["replicas"] = 9;
        created["status"] = new JsonObject { ["phase"] = "Ready" };

        var updated = Api.Ok(await Api.Put($"{Clusters}/c/status", created));

        Assert.Equal("3", updated.Text("spec", "replicas"));
        Assert.Equal("Ready", updated.Text("status", "phase"));
        Assert.Equal("1", updated.Text("metadata", "generation"));
    }
}
