using Actors.Deploy.Tests.Support;
using Actors.Emulator;

namespace Actors.Deploy.Tests.Operator;

/// <summary>
/// The rendered operator manifests pass the API server's own checks: the real kubectl applies
/// them with --dry-run=server to a running emulator, which validates and admits each object and
/// stores none of them.
/// </summary>
public sealed class ServerDryRunTests : IAsyncLifetime
{
    EmulatorFixture fixture = null!;
    KubernetesEmulator emulator = null!;

    public async Task InitializeAsync()
    {
        fixture = await EmulatorFixture.StartAsync(new EmulatorOptions
        {
            // A dry run creates nothing, so objects in a namespace the same dry run "creates" are
            // refused as NotFound — by kube-apiserver too. The namespace exists first, as after a
            // first install.
            Namespaces = ["actors-system"],
        });
        emulator = fixture.Emulator;
    }

    public async Task DisposeAsync() => await fixture.DisposeAsync();

    [Fact]
    public async Task Kubectl_apply_server_dry_run_admits_every_rendered_object_and_stores_nothing()
    {
        var rendered = await RenderedOperator.Load();
        var kubectl = fixture.Kubectl();
        var revision = emulator.Store.Revision;
        var writes = emulator.Audit.Records.Count;

        var output = await kubectl.Ok(["apply", "--dry-run=server", "-f", "-"], stdin: rendered.Yaml);

        Assert.Equal(
        [
            "namespace/actors-system configured (server dry run)",
            "customresourcedefinition.apiextensions.k8s.io/kafkaclusters.kafka.actors.dev created (server dry run)",
            "serviceaccount/actors-operator created (server dry run)",
            "clusterrole.rbac.authorization.k8s.io/actors-operator created (server dry run)",
            "clusterrolebinding.rbac.authorization.k8s.io/actors-operator created (server dry run)",
            "service/actors-operator created (server dry run)",
            "deployment.apps/actors-operator created (server dry run)",
            "poddisruptionbudget.policy/actors-operator created (server dry run)",
        ], output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal(revision, emulator.Store.Revision);
        Assert.Equal(writes, emulator.Audit.Records.Count);
        Assert.Empty(emulator.Store.List("apps/deployments", "actors-system"));
        Assert.Null(emulator.Store.Get("apiextensions.k8s.io/customresourcedefinitions", null, "kafkaclusters.kafka.actors.dev"));
    }

    [Fact]
    public async Task Server_dry_run_refuses_objects_in_a_namespace_that_does_not_exist_yet()
    {
        // The dry run above proves something only if the server checks what it is sent — and this
        // is the check a first `kubectl apply --dry-run=server -k deploy/operator` meets on a real cluster.
        var elsewhere = (await RenderedOperator.Load()).Yaml.Replace("actors-system", "operators-elsewhere");
        var kubectl = fixture.Kubectl();

        var result = await kubectl.Run(["apply", "--dry-run=server", "-f", "-"], stdin: elsewhere);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("namespace/operators-elsewhere created (server dry run)", result.Out);
        Assert.DoesNotContain("deployment.apps/actors-operator created", result.Out);
        Assert.Contains("namespaces \"operators-elsewhere\" not found", result.Err);
    }
}
