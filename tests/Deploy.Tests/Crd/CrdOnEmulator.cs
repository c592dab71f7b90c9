namespace Actors.Deploy.Tests.Crd;

/// <summary>Base for tests of the shipped CRD: a fresh emulator serving deploy/crd/kafkaclusters.yaml, and the real kubectl.</summary>
public abstract class CrdOnEmulator : IAsyncLifetime
{
    EmulatorFixture fixture = null!;

    protected Kubectl Kubectl { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        fixture = await EmulatorFixture.StartAsync();
        Kubectl = fixture.Kubectl();
        await Kubectl.Ok(["apply", "-f", Repository.PathOf("deploy/crd/kafkaclusters.yaml")]);
    }

    public async Task DisposeAsync() => await fixture.DisposeAsync();
}
