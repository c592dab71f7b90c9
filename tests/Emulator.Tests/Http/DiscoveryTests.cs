using System.Text.Json.Nodes;
using Actors.Emulator.Tests.Support;

namespace Actors.Emulator.Tests.Http;

public sealed class DiscoveryTests : EmulatorTest
{
    [Fact]
    public async Task Core_resources_are_listed_with_verbs_scope_and_short_names()
    {
        var list = Support.Api.Ok(await Api.Get("/api/v1"));
        var pods = list["resources"]!.AsArray().Single(r => r.Text("name") == "pods")!;
        Assert.Equal("Pod", pods.Text("kind"));
        Assert.Equal("true", pods.Text("namespaced"));
        Assert.Contains("watch", pods["verbs"]!.AsArray().Select(v => v!.GetValue<string>()));
        Assert.Contains("po", pods["shortNames"]!.AsArray().Select(v => v!.GetValue<string>()));
        Assert.Contains(list["resources"]!.AsArray(), r => r.Text("name") == "pods/status");
        var ns = list["resources"]!.AsArray().Single(r => r.Text("name") == "namespaces")!;
        Assert.Equal("false", ns.Text("namespaced"));
    }

    [Fact]
    public async Task A_created_crd_is_served_at_once_in_legacy_and_aggregated_discovery()
    {
        Assert.Equal(404, (await Api.Get("/apis/kafka.actors.dev/v1alpha1")).Code);
        await InstallCrd();

        var resources = Support.Api.Ok(await Api.Get("/apis/kafka.actors.dev/v1alpha1"));
        var kc = resources["resources"]!.AsArray().Single(r => r.Text("name") == "kafkaclusters")!;
        Assert.Equal("KafkaCluster", kc.Text("kind"));
        Assert.Contains("kc", kc["shortNames"]!.AsArray().Select(v => v!.GetValue<string>()));
        Assert.Contains("all", kc["categories"]!.AsArray().Select(v => v!.GetValue<string>()));

        var groups = Support.Api.Ok(await Api.Get("/apis"));
        Assert.Contains(groups["groups"]!.AsArray(), g => g.Text("name") == "kafka.actors.dev");

        var aggregated = await Api.Get("/apis", "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json");
        Assert.Equal("APIGroupDiscoveryList", aggregated.Object.Text("kind"));
        var group = aggregated.Object["items"]!.AsArray().Single(i => i.Text("metadata", "name") == "kafka.actors.dev")!;
        var resource = group["versions"]![0]!["resources"]![0]!;
        Assert.Equal("kafkaclusters", resource.Text("resource"));
        Assert.Equal("Namespaced", resource.Text("scope"));
        Assert.Equal("status", resource["subresources"]![0].Text("subresource"));
    }

    [Fact]
    public async Task Deleting_a_crd_stops_serving_its_resources()
    {
        await InstallCrd();
        await Create(Clusters, Objects.KafkaCluster("demo", 3));
        Api.Ok(await Api.Delete("/apis/apiextensions.k8s.io/v1/customresourcedefinitions/kafkaclusters.kafka.actors.dev"));
        Assert.Equal(404, (await Api.Get(Clusters)).Code);
        Assert.Equal(404, (await Api.Get("/apis/kafka.actors.dev/v1alpha1")).Code);
    }

    [Fact]
    public async Task OpenApi_v3_has_a_patch_operation_with_the_kind_and_field_validation_for_each_resource()
    {
        await InstallCrd();
        var root = Support.Api.Ok(await Api.Get("/openapi/v3"));
        var url = root["paths"]!["apis/kafka.actors.dev/v1alpha1"].Text("serverRelativeURL")!;
        var doc = Support.Api.Ok(await Api.Get(url));
        var patch = doc["paths"]!["/apis/kafka.actors.dev/v1alpha1/namespaces/{namespace}/kafkaclusters/{name}"]!["patch"]!;
        Assert.Equal("KafkaCluster", patch["x-kubernetes-group-version-kind"].Text("kind"));
        Assert.Contains(patch["parameters"]!.AsArray(), p => p.Text("name") == "fieldValidation" && p.Text("in") == "query");
        Assert.NotNull(root["paths"]!["api/v1"]);
    }

    [Fact]
    public async Task The_crd_is_established_with_accepted_names()
    {
        await InstallCrd();
        var crd = Support.Api.Ok(await Api.Get("/apis/apiextensions.k8s.io/v1/customresourcedefinitions/kafkaclusters.kafka.actors.dev"));
        var conditions = crd["status"]!["conditions"]!.AsArray();
        Assert.Contains(conditions, c => c.Text("type") == "Established" && c.Text("status") == "True");
        Assert.Equal("KafkaCluster", crd.Text("status", "acceptedNames", "kind"));
    }
}
