using Actors.Deploy.Tests.Support;
using Actors.Emulator;

namespace Actors.Deploy.Tests.Operator;

/// <summary>The README's install steps, run with the real kubectl against an emulator.</summary>
public sealed class InstallTests : IAsyncLifetime
{
    EmulatorFixture fixture = null!;
    Kubectl kubectl = null!;

    public async Task InitializeAsync()
    {
        fixture = await EmulatorFixture.StartAsync();
        kubectl = fixture.Kubectl();
    }

    public async Task DisposeAsync() => await fixture.DisposeAsync();

    static string[] Lines(string output) => output.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    [Fact]
    public async Task Apply_k_installs_the_operator_and_the_crd_then_the_sample_cluster_applies()
    {
        var install = await kubectl.Ok(["apply", "-k", Repository.PathOf("deploy/operator")]);

        Assert.Equal(8, Lines(install).Count(l => l.EndsWith(" created", StringComparison.Ordinal)));
        var deployment = fixture.Emulator.Store.Get("apps/deployments", "actors-system", "actors-operator");
        Assert.Equal(3, deployment.At("spec", "replicas")!.GetValue<int>());
        var sample = await kubectl.Ok(["apply", "-f", Repository.PathOf("deploy/samples/kafkacluster-demo.yaml")]);
        Assert.Contains("kafkacluster.kafka.actors.dev/demo created", Lines(sample));
    }

    [Fact]
    public async Task Applying_the_operator_again_changes_nothing()
    {
        // GitOps tools re-apply the same manifests forever: a second apply must be a no-op.
        await kubectl.Ok(["apply", "-k", Repository.PathOf("deploy/operator")]);
        var revision = fixture.Emulator.Store.Revision;

        var again = await kubectl.Ok(["apply", "-k", Repository.PathOf("deploy/operator")]);

        // kubectl always sends a PodDisruptionBudget's selector again (its patch strategy is
        // "replace", so the computed patch is never empty) and says "configured"; the server
        // finds nothing to change, which is what counts.
        Assert.All(Lines(again).Where(line => !line.StartsWith("poddisruptionbudget.policy/", StringComparison.Ordinal)),
            line => Assert.EndsWith(" unchanged", line));
        Assert.Equal(revision, fixture.Emulator.Store.Revision);
    }
}
