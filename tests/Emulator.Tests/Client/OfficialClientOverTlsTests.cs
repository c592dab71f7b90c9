using System.Net.Http;
using System.Security.Authentication;
using System.Threading.Channels;
using Actors.Kubernetes;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace Actors.Emulator.Tests.Client;

/// <summary>
/// The official client connects to the emulator the way it connects to a cluster: HTTPS, the
/// server's certificate checked against the CA in the kubeconfig, the bearer token from the
/// kubeconfig on every request. Then the verbs the operator uses and a watch through our informer.
/// </summary>
public sealed class OfficialClientOverTlsTests : IAsyncLifetime
{
    const string Ns = "default";
    static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);
    EmulatorFixture fixture = null!;

    public async Task InitializeAsync() => fixture = await EmulatorFixture.StartAsync();

    public async Task DisposeAsync() => await fixture.DisposeAsync();

    static V1ConfigMap Map(string name, string value) => new()
    {
        ApiVersion = V1ConfigMap.KubeApiVersion,
        Kind = V1ConfigMap.KubeKind,
        Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = Ns },
        Data = new Dictionary<string, string> { ["k"] = value },
    };

    [Fact]
    public void The_emulators_kubeconfig_gives_an_https_server_its_CA_and_a_bearer_token()
    {
        var configuration = fixture.Configuration();

        Assert.StartsWith("https://", configuration.Host);
        Assert.False(configuration.SkipTlsVerify);
        var ca = Assert.Single(configuration.SslCaCerts!);
        Assert.Equal(fixture.Emulator.CaCertificate.Thumbprint, ca.Thumbprint);
        Assert.Equal(fixture.Emulator.AdminToken, configuration.AccessToken);
    }

    [Fact]
    public async Task The_official_client_creates_reads_lists_patches_and_deletes_over_TLS_while_an_informer_watches()
    {
        using var client = KubernetesClients.Create(Kubeconfig.Load([fixture.KubeconfigPath]).Configuration, new ClientPolicy());
        await using var informer = new Informer<V1ConfigMap>(client, new InformerOptions { Namespace = Ns });
        var seen = Channel.CreateUnbounded<string>();
        informer.AddHandler(
            onAdd: m => seen.Writer.TryWrite($"added {m.Name()}={m.Data?["k"]}"),
            onUpdate: (_, m) => seen.Writer.TryWrite($"updated {m.Name()}={m.Data?["k"]}"),
            onDelete: m => seen.Writer.TryWrite($"deleted {m.Name()}"));
        informer.Start();
        await informer.WaitForSyncAsync().WaitAsync(Patience);

        var created = await client.CoreV1.CreateNamespacedConfigMapAsync(Map("tls", "1"), Ns);
        Assert.False(string.IsNullOrEmpty(created.Uid()));
        Assert.Equal("added tls=1", await Next(seen));

        var read = await client.CoreV1.ReadNamespacedConfigMapAsync("tls", Ns);
        Assert.Equal(created.Uid(), read.Uid());
        Assert.Contains((await client.CoreV1.ListNamespacedConfigMapAsync(Ns)).Items, m => m.Name() == "tls");

        var patched = await client.CoreV1.PatchNamespacedConfigMapAsync(
            new V1Patch("""{"data":{"k":"2"}}""", V1Patch.PatchType.MergePatch), "tls", Ns);
        Assert.Equal("2", patched.Data["k"]);
        Assert.Equal("updated tls=2", await Next(seen));
        Assert.Equal("2", informer.Get("tls", Ns)?.Data["k"]);

        await client.CoreV1.DeleteNamespacedConfigMapAsync("tls", Ns);
        Assert.Equal("deleted tls", await Next(seen));
        var gone = await Assert.ThrowsAsync<HttpOperationException>(() => client.CoreV1.ReadNamespacedConfigMapAsync("tls", Ns));
        Assert.True(gone.IsNotFound());
        Assert.Null(informer.Get("tls", Ns));
        Assert.Null(informer.LastError);
    }

    [Fact]
    public async Task Without_the_emulators_CA_the_client_refuses_the_server_certificate()
    {
        var configuration = fixture.Configuration();
        configuration.SslCaCerts = null;
        using var client = KubernetesClients.Create(configuration, new ClientPolicy());

        var refused = await Assert.ThrowsAsync<HttpRequestException>(() => client.CoreV1.ListNamespacedConfigMapAsync(Ns));
        Assert.IsType<AuthenticationException>(refused.InnerException);
    }

    [Fact]
    public async Task A_token_the_emulator_does_not_know_is_unauthorized()
    {
        var configuration = fixture.Configuration();
        configuration.AccessToken = "not-a-token";
        using var client = KubernetesClients.Create(configuration, new ClientPolicy());

        var refused = await Assert.ThrowsAsync<HttpOperationException>(() => client.CoreV1.ListNamespacedConfigMapAsync(Ns));
        Assert.True(refused.IsUnauthorized());
    }

    static async Task<string> Next(Channel<string> seen)
    {
        using var patience = new CancellationTokenSource(Patience);
        return await seen.Reader.ReadAsync(patience.Token);
    }
}
