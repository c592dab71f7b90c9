using k8s;

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

    /// <summary>The configuration the official client's loader builds from <see cref="KubeConfig"/>, through a file like a user's.</summary>
    public KubernetesClientConfiguration Configuration()
    {
        var path = Path.Combine(Path.GetTempPath(), $"kubeconfig-{Guid.NewGuid():N}");
        File.WriteAllText(path, KubeConfig());
        try
        {
            return Kubeconfig.Load([path]).Configuration;
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>The official client for this server with the operator's request policy (on <paramref name="clock"/>).</summary>
    public k8s.Kubernetes Client(TimeProvider? clock = null, Func<ClientPolicy, ClientPolicy>? change = null)
    {
        var policy = new ClientPolicy { TimeProvider = clock ?? TimeProvider.System };
        return KubernetesClients.Create(Configuration(), change is null ? policy : change(policy));
    }

    /// <summary>A resuming watch of <typeparamref name="T"/> over <paramref name="client"/>.</summary>
    public static IAsyncEnumerable<WatchChange<T>> Watch<T>(k8s.Kubernetes client, string? @namespace, WatchOptions options, CancellationToken cancellationToken)
        where T : class, k8s.IKubernetesObject<k8s.Models.V1ObjectMeta> =>
        new CollectionWatch<T>(client, ResourceTypes.Of<T>(), @namespace, options).RunAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        Pki.Dispose();
    }
}
