using Actors.Deploy.Tests.Support;

namespace Actors.Deploy.Tests.Crd;

/// <summary>
/// deploy/samples/kafkacluster-demo.yaml is accepted by the CRD's schema: applied with the real
/// kubectl to an emulator that validates and prunes custom resources like kube-apiserver.
/// </summary>
public sealed class SampleClusterTests : CrdOnEmulator
{
    [Fact]
    public async Task Sample_cluster_is_created_with_every_field_it_declares()
    {
        var output = await Kubectl.Ok(["apply", "-f", Repository.PathOf("deploy/samples/kafkacluster-demo.yaml")]);

        Assert.Equal(["namespace/kafka created", "kafkacluster.kafka.actors.dev/demo created"],
            output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        var sample = Yaml.Documents(Repository.Read("deploy/samples/kafkacluster-demo.yaml")).Single(d => d.Str("kind") == "KafkaCluster");
        var stored = Yaml.Object(await Kubectl.Ok(["get", "kafkacluster", "demo", "-n", "kafka", "-o", "yaml"]));
        // A field the schema does not know would be pruned (or refused): the stored spec shows it.
        var difference = JsonDifference.Between(sample.At("spec"), stored.At("spec"));
        Assert.True(difference is null, $"The stored spec differs from deploy/samples/kafkacluster-demo.yaml (expected = the sample): {difference}");
    }

    [Fact]
    public async Task A_sample_with_a_field_of_the_wrong_type_is_refused()
    {
        // Shows the schema check above has teeth: the same sample with replicas as a word fails.
        var broken = Repository.Read("deploy/samples/kafkacluster-demo.yaml").Replace("replicas: 3", "replicas: three");

        var result = await Kubectl.Run(["apply", "-f", "-"], stdin: broken);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("replicas", result.Err);
    }
}
