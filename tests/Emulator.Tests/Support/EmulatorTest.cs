using System.Text.Json.Nodes;

namespace Actors.Emulator.Tests.Support;

/// <summary>Base for tests that need a running emulator: one fresh emulator per test.</summary>
public abstract class EmulatorTest : IAsyncLifetime
{
    protected EmulatorFixture Fixture { get; private set; } = null!;
    protected KubernetesEmulator Emulator => Fixture.Emulator;
    protected Api Api { get; private set; } = null!;
    protected virtual EmulatorOptions Options() => new();

    public async Task InitializeAsync()
    {
        Fixture = await EmulatorFixture.StartAsync(Options());
        Api = new Api(Emulator.CreateHttpClient());
    }

    public virtual async Task DisposeAsync()
    {
        Api.Http.Dispose();
        await Fixture.DisposeAsync();
    }

    protected const string ConfigMaps = "/api/v1/namespaces/default/configmaps";
    protected const string Pods = "/api/v1/namespaces/default/pods";
    protected const string Clusters = "/apis/kafka.actors.dev/v1alpha1/namespaces/default/kafkaclusters";

    protected async Task InstallCrd() =>
        Api.Ok(await Api.Post("/apis/apiextensions.k8s.io/v1/customresourcedefinitions", Objects.Crd()));

    protected async Task<JsonObject> Create(string collection, JsonObject obj) => Api.Ok(await Api.Post(collection, obj));

    protected async Task<JsonObject?> Find(string collection, string name)
    {
        var r = await Api.Get($"{collection}/{name}");
        return r.Code == 404 ? null : Api.Ok(r);
    }
}
