using System.Text.Json;
using Actors.Storage.Membership;
using k8s;
using Orleans.Runtime;

namespace Actors.GrainRuntime.Tests.Membership;

/// <summary>
/// The membership ConfigMap as an engineer meets it: JSON they can read with kubectl, a name made
/// from the cluster id, and errors that name the object and say what to do.
/// </summary>
public sealed class MembershipConfigMapTests(MembershipApi api) : IClassFixture<MembershipApi>
{
    [Fact]
    public async Task The_configmap_holds_the_table_as_readable_json_named_after_the_cluster()
    {
        var table = await api.NewTableAsync("kafka-operator");
        var silo = MembershipApi.Joining();
        silo.Status = SiloStatus.Active;
        await MembershipApi.InsertAsync(table, silo);

        var map = await api.Client.CoreV1.ReadNamespacedConfigMapAsync("orleans-membership-kafka-operator", MembershipApi.Namespace);

        Assert.Equal("orleans-membership", map.Metadata.Labels["app.kubernetes.io/component"]);
        using var json = JsonDocument.Parse(map.Data["membership.json"]);
        Assert.Equal(1, json.RootElement.GetProperty("format").GetInt32());
        Assert.Equal("kafka-operator", json.RootElement.GetProperty("clusterId").GetString());
        Assert.Equal(1, json.RootElement.GetProperty("version").GetInt32());
        var row = Assert.Single(json.RootElement.GetProperty("silos").EnumerateArray());
        Assert.Equal("Active", row.GetProperty("status").GetString());
        Assert.Equal(silo.SiloAddress.ToParsableString(), row.GetProperty("address").GetString());
        Assert.Contains('\n', map.Data["membership.json"]);
    }

    [Fact]
    public async Task Writes_keep_what_else_the_configmap_holds()
    {
        var table = await api.NewTableAsync("annotated");
        var map = await api.ConfigMapOf("annotated");
        map.Metadata.Annotations = new Dictionary<string, string> { ["note"] = "kept" };
        map.Data["README"] = "Orleans membership of the operator";
        await api.Client.CoreV1.ReplaceNamespacedConfigMapAsync(map, map.Metadata.Name, MembershipApi.Namespace);

        await MembershipApi.InsertAsync(table, MembershipApi.Joining());

        var after = await api.ConfigMapOf("annotated");
        Assert.Equal("kept", after.Metadata.Annotations["note"]);
        Assert.Equal("Orleans membership of the operator", after.Data["README"]);
    }

    [Fact]
    public async Task A_configmap_made_by_hand_without_the_table_is_taken_over_by_the_first_insert()
    {
        await api.Client.CoreV1.CreateNamespacedConfigMapAsync(new k8s.Models.V1ConfigMap
        {
            Metadata = new k8s.Models.V1ObjectMeta { Name = MembershipApi.ObjectNameOf("by-hand") },
            Data = new Dictionary<string, string> { ["owner"] = "platform team" },
        }, MembershipApi.Namespace);
        var silo = MembershipApi.Joining();

        var table = await api.NewTableAsync("by-hand", silo);

        MembershipApi.HoldsOnly(await table.ReadAllAsync(), silo, version: 1);
        Assert.Equal("platform team", (await api.ConfigMapOf("by-hand")).Data["owner"]);
    }

    [Fact]
    public async Task A_table_from_a_later_format_is_refused_neither_misread_nor_written_over()
    {
        var table = await api.NewTableAsync("future", MembershipApi.Joining());
        var map = await api.ConfigMapOf("future");
        map.Data["membership.json"] = map.Data["membership.json"].Replace("\"format\": 1", "\"format\": 2");
        await api.Client.CoreV1.ReplaceNamespacedConfigMapAsync(map, map.Metadata.Name, MembershipApi.Namespace);

        var refused = await Assert.ThrowsAsync<MembershipObjectException>(() => table.ReadAllAsync());

        Assert.Contains("format 2", refused.Message);
        Assert.Contains($"ConfigMap {MembershipApi.Namespace}/orleans-membership-future", refused.Message);
        Assert.Contains("\"format\": 2", (await api.ConfigMapOf("future")).Data["membership.json"]);
    }

    [Fact]
    public async Task A_silo_the_api_forbids_to_write_fails_at_start_naming_the_configmap_and_the_permission()
    {
        var table = api.Table("forbidden", client: api.ReadOnlyClient());

        var refused = await Assert.ThrowsAsync<MembershipObjectException>(() => table.InitializeMembershipTableAsync(true));

        Assert.Contains($"create ConfigMap {MembershipApi.Namespace}/orleans-membership-forbidden", refused.Message);
        Assert.Contains("Grant", refused.Message);
    }

    [Fact]
    public void A_cluster_id_that_cannot_name_a_configmap_is_refused_at_start()
    {
        var refused = Assert.Throws<ArgumentException>(() => api.Table("Kafka_Operator"));

        Assert.Contains("'Kafka_Operator'", refused.Message);
    }

    [Fact]
    public void A_table_without_a_namespace_is_refused_at_start()
    {
        var refused = Assert.Throws<ArgumentException>(() => api.Table("no-namespace", options: new KubernetesClusteringOptions()));

        Assert.Contains("Namespace", refused.Message);
    }
}
