using System.Text.Json.Nodes;
using Actors.Contracts.Kafka;
using Actors.Grains.Cluster;
using Actors.Silo.Embedded;
using Actors.Silo.Hosting;
using Actors.Silo.Tests.Hosting;

namespace Actors.Silo.Tests.Embedded;

/// <summary>The CRD and the sample in deploy/ are what the code says they are.</summary>
public sealed class ShippedManifestsTests
{
    [Fact]
    public void The_demo_sample_is_a_valid_cluster_of_three_controllers_and_three_brokers_in_its_own_namespace()
    {
        var documents = Manifests.Parse(File.ReadAllText(Repository.PathOf("deploy/samples/kafkacluster-demo.yaml")));

        Assert.Equal(["Namespace", "KafkaCluster"], documents.Select(d => (string?)d["kind"]));
        var cluster = Read(documents[1]);
        Assert.Equal(KafkaClusterResource.ApiVersion, cluster.ApiVersion);
        Assert.Equal((string?)documents[0]["metadata"]!["name"], cluster.Metadata.NamespaceProperty);
        Assert.Equal(SampleCluster.Namespace, cluster.Metadata.NamespaceProperty);
        Assert.Equal((3, 3), (cluster.Spec!.Controllers!.Replicas, cluster.Spec.Brokers!.Replicas));
        Assert.Empty(SpecValidator.Validate(cluster.Metadata.Name!, cluster.Spec));
    }

    [Fact]
    public void The_sample_carries_no_field_the_contract_types_do_not_know()
    {
        var manifest = Manifests.Parse(File.ReadAllText(Repository.PathOf("deploy/samples/kafkacluster-demo.yaml")))[1];
        var roundTripped = JsonNode.Parse(k8s.KubernetesJson.Serialize(Read(manifest)))!;

        Assert.True(JsonNode.DeepEquals(Normalized(manifest["spec"]), Normalized(roundTripped["spec"])),
            $"spec as written: {manifest["spec"]}\nspec as the operator reads it: {roundTripped["spec"]}");
    }

    [Fact]
    public void The_crd_file_is_generated_from_the_contract_types()
    {
        var file = File.ReadAllText(Repository.PathOf("deploy/crd/kafkaclusters.yaml"));

        Assert.True(file == CrdDocument.Yaml(),
            "deploy/crd/kafkaclusters.yaml is out of date: dotnet run --project src/Silo -- --print-crd > deploy/crd/kafkaclusters.yaml");
        Assert.True(JsonNode.DeepEquals(Normalized(Manifests.Parse(file).Single()), Normalized(CrdDocument.Json())));
    }

    [Fact]
    public void The_crd_kustomization_lists_the_crd_file()
    {
        var kustomization = Manifests.Parse(File.ReadAllText(Repository.PathOf("deploy/crd/kustomization.yaml"))).Single();
        Assert.Equal(["kafkaclusters.yaml"], kustomization["resources"]!.AsArray().Select(r => (string?)r));
    }

    /// <summary>A manifest as the operator reads it: the official client's serializer into the typed entity.</summary>
    private static KafkaCluster Read(JsonNode manifest) => k8s.KubernetesJson.Deserialize<KafkaCluster>(manifest.ToJsonString());

    private static JsonNode? Normalized(JsonNode? node) => node is null ? null : JsonNode.Parse(node.ToJsonString());
}
