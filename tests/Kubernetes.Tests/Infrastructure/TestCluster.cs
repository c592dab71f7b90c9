namespace Actors.Kubernetes.Tests;

/// <summary>A scripted API server with its CA, and clients configured for it the way a kubeconfig would.</summary>
public sealed class TestCluster : IAsyncDisposable
{
    private TestCluster(TestPki pki, ScriptedApiServer server)
    {
        Pki = pki;
        Server = server;
    }

    public TestPki Pki { get; }
    public ScriptedApiServer Server { get; }

    public static async Task<TestCluster> StartAsync(bool requireClientCertificate = false)
    {
        var pki = TestPki.Create();
        var server = await ScriptedApiServer.StartAsync(pki.IssueServer(), requireClientCertificate);
        return new TestCluster(pki, server);
    }

    /// <summary>A kubeconfig naming this server, its CA (inline) and the test token.</summary>
    public string KubeConfig(string token = ScriptedApiServer.Token, string @namespace = "kafka") => $"""
        apiVersion: v1
        kind: Config
        current-context: test
        clusters:
        - name: test
          cluster:
            server: {Server.Url.ToString().TrimEnd('/')}
            certificate-authority-data: {Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(Pki.AuthorityPem))}
        users:
        - name: tester
          user:
            token: {token}
        contexts:
        - name: test
          context:
            cluster: test
            user: tester
            namespace: {@namespace}
        """;

    public KubernetesClientConfiguration Configuration(TimeProvider? clock = null, Action<KubernetesClientConfiguration.Builder>? change = null) =>
        KubernetesClientConfiguration.FromKubeConfigText(KubeConfig()).With(b =>
        {
            if (clock is not null) b.TimeProvider = clock;
            change?.Invoke(b);
        });

    public KubernetesClient Client(TimeProvider? clock = null, Action<KubernetesClientConfiguration.Builder>? change = null) =>
        new(Configuration(clock, change));

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        Pki.Dispose();
    }
}
