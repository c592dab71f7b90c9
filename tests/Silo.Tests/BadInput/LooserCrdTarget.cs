using Actors.Grains.Crd;
using Actors.Silo.Hosting;
using k8s;
using k8s.Models;

namespace Actors.Silo.Tests.BadInput;

/// <summary>
/// The campaign target under the KafkaCluster CRD as a newer version of it might be: every integer
/// an int64 without bounds, so that the API stores what this operator cannot read (issue 16 §1).
/// </summary>
public sealed class LooserCrdTarget : SpecCampaignTarget
{
    protected override async Task InstallCrdAsync()
    {
        var crd = KafkaClusterCrd.Build();
        Loosen(crd.Spec.Versions[0].Schema.OpenAPIV3Schema);
        await Client.ApiextensionsV1.CreateCustomResourceDefinitionAsync(crd);
        await Eventually.UntilAsync(() => new CustomResourceInstaller(Client).IsEstablishedAsync(CancellationToken.None), "the CRD is served");
    }

    private static void Loosen(V1JSONSchemaProps? schema)
    {
        if (schema is null) return;
        if (schema.Type == "integer")
        {
            schema.Format = "int64";
            schema.Minimum = null;
            schema.Maximum = null;
        }
        foreach (var property in schema.Properties?.Values ?? []) Loosen(property);
        Loosen(schema.Items as V1JSONSchemaProps);
        Loosen(schema.AdditionalProperties as V1JSONSchemaProps);
    }
}
