using System.Text.Json.Nodes;
using Actors.Deploy.Tests.Support;
using Actors.Kubernetes;
using Actors.Silo.Hosting;

namespace Actors.Deploy.Tests.Crd;

/// <summary>deploy/crd/kafkaclusters.yaml is generated from the contract types and must never drift from them.</summary>
public sealed class CrdDriftTests
{
    const string CrdFile = "deploy/crd/kafkaclusters.yaml";
    const string Regenerate = "dotnet run --project src/Silo -- --print-crd > deploy/crd/kafkaclusters.yaml";

    static async Task<string> PrintCrd()
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var exit = await SiloProgram.RunAsync(["--print-crd"], stdout, stderr, InClusterEnvironment.Default, CancellationToken.None);
        Assert.True(exit == 0, $"--print-crd exited with {exit}: {stderr}");
        return stdout.ToString();
    }

    [Fact]
    public async Task Checked_in_crd_equals_the_crd_the_silo_prints_from_the_contract_types()
    {
        var generated = Yaml.Object(await PrintCrd());
        var checkedIn = Yaml.Object(Repository.Read(CrdFile));

        var difference = JsonDifference.Between(generated, checkedIn);

        Assert.True(difference is null,
            $"{CrdFile} has drifted from the CRD built from the contract types (src/Grains/Crd/KafkaClusterCrd.cs); " +
            $"expected = generated, actual = the file: {difference}.\nRegenerate it from the repository root:\n  {Regenerate}");
    }

    [Fact]
    public async Task Printed_crd_reads_back_as_exactly_the_built_crd()
    {
        // The YAML printer must not change a value's type (a "true" string printed bare reads as a boolean).
        var printed = Yaml.Object(await PrintCrd());

        var difference = JsonDifference.Between(CrdDocument.Json(), printed);

        Assert.True(difference is null, $"--print-crd loses information when its YAML is read back: {difference}");
    }

    [Fact]
    public async Task Printed_crd_tells_readers_how_to_regenerate_it()
    {
        var printed = await PrintCrd();

        Assert.Contains(Regenerate, printed);
        Assert.StartsWith("#", printed);
    }

    [Fact]
    public void Crd_kustomization_lists_the_crd_file()
    {
        var kustomization = Yaml.Object(Repository.Read("deploy/crd/kustomization.yaml"));

        Assert.Equal(["kafkaclusters.yaml"], kustomization.Strings("resources"));
    }

    [Fact]
    public void Drift_is_reported_with_the_path_of_the_changed_field()
    {
        // The check above is only as good as its difference: prove it names the field that changed.
        var generated = CrdDocument.Json();
        var edited = (JsonObject)generated.DeepClone();
        edited["spec"]!["versions"]![0]!["schema"]!["openAPIV3Schema"]!["properties"]!["spec"]!["properties"]!["listeners"]!.AsObject().Remove("x-kubernetes-list-type");

        var difference = JsonDifference.Between(generated, edited);

        Assert.Equal(
            "at spec.versions[0].schema.openAPIV3Schema.properties.spec.properties.listeners.x-kubernetes-list-type: expected \"map\", actual has no such field",
            difference);
    }
}
