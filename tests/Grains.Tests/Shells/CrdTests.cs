using Actors.Grains.Crd;
using k8s.Models;

namespace Actors.Grains.Tests.Shells;

public sealed class CrdTests
{
    [Fact]
    public void The_crd_serves_kafkaclusters_with_short_name_kc_a_status_subresource_and_printer_columns()
    {
        var crd = KafkaClusterCrd.Build();

        Assert.Equal("kafkaclusters.kafka.actors.dev", crd.Metadata.Name);
        Assert.Equal("Namespaced", crd.Spec.Scope);
        Assert.Equal(["kc"], crd.Spec.Names.ShortNames!);
        var version = Assert.Single(crd.Spec.Versions);
        Assert.Equal("v1alpha1", version.Name);
        Assert.True(version.Served && version.Storage);
        Assert.NotNull(version.Subresources!.Status);
        Assert.Equal(["Ready", "Brokers", "Controllers", "Version", "Age"], version.AdditionalPrinterColumns!.Select(c => c.Name));
    }

    [Fact]
    public void The_schema_names_every_status_field_so_the_api_server_prunes_none_of_them()
    {
        var schema = KafkaClusterCrd.Build().Spec.Versions[0].Schema!.OpenAPIV3Schema!;

        var status = schema.Properties["status"].Properties;
        foreach (var field in new[] { "observedGeneration", "conditions", "clusterId", "nodes", "readyBrokers", "operation", "bootstrapServers", "applied" })
            Assert.True(status.ContainsKey(field), $"status.{field} is missing from the schema");
        Assert.Equal("integer", status["observedGeneration"].Type);
        Assert.Equal("string", ((V1JSONSchemaProps)status["conditions"].Items).Properties["reason"].Type);
    }

    [Fact]
    public void Free_form_maps_in_the_spec_are_objects_of_strings()
    {
        var spec = KafkaClusterCrd.Build().Spec.Versions[0].Schema!.OpenAPIV3Schema!.Properties["spec"];

        var config = spec.Properties["brokers"].Properties["config"];
        Assert.Equal("object", config.Type);
        Assert.Equal("string", ((V1JSONSchemaProps)config.AdditionalProperties).Type);
        Assert.Equal("integer", spec.Properties["brokers"].Properties["replicas"].Type);
    }
}
