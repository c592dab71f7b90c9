using System.Text;
using k8s;
using k8s.Authentication;
using k8s.Exceptions;

namespace Actors.Kubernetes.Tests;

public sealed class KubeConfigTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("kubeconfig-").FullName;
    private readonly TestPki _pki = TestPki.Create();

    public void Dispose()
    {
        _pki.Dispose();
        Directory.Delete(_dir, recursive: true);
    }

    private string B64(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text));

    private string Write(string name, string yaml)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, yaml);
        return path;
    }

    private string TwoContexts => $"""
        apiVersion: v1
        kind: Config
        current-context: dev
        clusters:
        - name: dev-cluster
          cluster:
            server: https://dev.example:6443
            certificate-authority-data: {B64(_pki.AuthorityPem)}
        - name: prod-cluster
          cluster:
            server: https://prod.example:443
            insecure-skip-tls-verify: true
        users:
        - name: dev-user
          user:
            token: dev-token
        - name: prod-user
          user:
            token: prod-token
        contexts:
        - name: dev
          context: {"{ cluster: dev-cluster, user: dev-user, namespace: kafka-dev }"}
        - name: prod
          context:
            cluster: prod-cluster
            user: prod-user
        """;

    private static async Task<string?> TokenOf(KubernetesClientConfiguration config) =>
        config.TokenProvider is { } provider ? (await provider.GetAuthenticationHeaderAsync(CancellationToken.None)).Parameter : config.AccessToken;

    private static KubernetesClientConfiguration Load(string path, string? context = null) => Kubeconfig.Load([path], context).Configuration;

    private static string? Source(string path, string? context = null) => Kubeconfig.Load([path], context).Source;

    [Fact]
    public async Task The_current_context_chooses_server_ca_token_and_namespace()
    {
        var path = Write("config", TwoContexts);
        var config = Load(path);

        Assert.Equal(new Uri("https://dev.example:6443"), new Uri(config.Host));
        Assert.Equal("kafka-dev", config.Namespace);
        Assert.Equal("dev-token", await TokenOf(config));
        Assert.False(config.SkipTlsVerify);
        Assert.Equal(_pki.Authority.Thumbprint, Assert.Single(config.SslCaCerts!).Thumbprint);
        Assert.Contains("context 'dev'", Source(path));
    }

    [Fact]
    public async Task An_explicit_context_overrides_the_current_one()
    {
        var config = Load(Write("config", TwoContexts), context: "prod");

        Assert.Equal(new Uri("https://prod.example:443"), new Uri(config.Host));
        Assert.Equal("default", config.Namespace);
        Assert.Equal("prod-token", await TokenOf(config));
        Assert.True(config.SkipTlsVerify);
        Assert.Null(config.SslCaCerts);
    }

    [Fact]
    public async Task Certificate_authority_and_token_files_resolve_relative_to_the_kubeconfig()
    {
        Directory.CreateDirectory(Path.Combine(_dir, "certs"));
        File.WriteAllText(Path.Combine(_dir, "certs", "ca.crt"), _pki.AuthorityPem);
        File.WriteAllText(Path.Combine(_dir, "token"), "file-token\n");
        var path = Write("config", """
            current-context: c
            clusters:
            - name: c
              cluster:
                server: https://10.0.0.1:6443
                certificate-authority: certs/ca.crt
            users:
            - name: u
              user:
                tokenFile: token
            contexts:
            - name: c
              context: {cluster: c, user: u}
            """);

        var config = Load(path);

        Assert.Equal(_pki.Authority.Thumbprint, config.SslCaCerts!.Single().Thumbprint);
        Assert.Equal("file-token", await TokenOf(config));
        // Re-read as it rotates, not copied once.
        Assert.IsType<TokenFileAuth>(config.TokenProvider);
        File.WriteAllText(Path.Combine(_dir, "token"), "rotated-token\n");
        Assert.Equal("rotated-token", await TokenOf(Load(path)));
    }

    [Fact]
    public async Task Client_certificate_and_key_data_load_with_their_private_key()
    {
        using var clientCert = _pki.IssueClient("operator");
        var path = Write("config", $"""
            current-context: c
            clusters: [{"{name: c, cluster: {server: 'https://k:6443'}}"}]
            users:
            - name: u
              user:
                client-certificate-data: {B64(clientCert.ExportCertificatePem())}
                client-key-data: {B64(TestPki.KeyPem(clientCert))}
            contexts: [{"{name: c, context: {cluster: c, user: u}}"}]
            """);

        var config = Load(path);

        using var loaded = System.Security.Cryptography.X509Certificates.X509Certificate2.CreateFromPem(
            Encoding.UTF8.GetString(Convert.FromBase64String(config.ClientCertificateData)), Encoding.UTF8.GetString(Convert.FromBase64String(config.ClientCertificateKeyData)));
        Assert.True(loaded.HasPrivateKey);
        Assert.Equal("CN=operator", loaded.Subject);
        Assert.Null(await TokenOf(config));
    }

    [Fact]
    public void Client_certificate_and_key_files_load_too()
    {
        using var clientCert = _pki.IssueClient("file-user");
        File.WriteAllText(Path.Combine(_dir, "client.crt"), clientCert.ExportCertificatePem());
        File.WriteAllText(Path.Combine(_dir, "client.key"), TestPki.KeyPem(clientCert));
        var path = Write("config", """
            current-context: c
            clusters: [{name: c, cluster: {server: 'https://k:6443'}}]
            users: [{name: u, user: {client-certificate: client.crt, client-key: client.key}}]
            contexts: [{name: c, context: {cluster: c, user: u}}]
            """);

        var config = Load(path);
        using var loaded = System.Security.Cryptography.X509Certificates.X509Certificate2.CreateFromPemFile(config.ClientCertificateFilePath, config.ClientKeyFilePath);
        Assert.Equal("CN=file-user", loaded.Subject);
        Assert.Equal(Path.Combine(_dir, "client.crt"), config.ClientCertificateFilePath);
    }

    [Fact]
    public void Tls_verification_stays_on_unless_the_file_turns_it_off()
    {
        var path = Write("config", """
            current-context: c
            clusters: [{name: c, cluster: {server: 'https://k:6443'}}]
            users: [{name: u, user: {token: t}}]
            contexts: [{name: c, context: {cluster: c, user: u}}]
            """);

        Assert.False(Load(path).SkipTlsVerify);
    }

    [Fact]
    public async Task Several_kubeconfig_files_merge_with_the_first_definition_winning()
    {
        var first = Write("first", """
            current-context: a
            clusters: [{name: shared, cluster: {server: 'https://first:6443'}}]
            users: [{name: u, user: {token: first-token}}]
            contexts: [{name: a, context: {cluster: shared, user: u, namespace: from-first}}]
            """);
        var second = Write("second", """
            current-context: b
            clusters:
            - {name: shared, cluster: {server: 'https://second:6443'}}
            - {name: only-second, cluster: {server: 'https://only-second:6443'}}
            users: [{name: u, user: {token: second-token}}, {name: v, user: {token: v-token}}]
            contexts: [{name: b, context: {cluster: only-second, user: v}}]
            """);
        var merged = Kubeconfig.Load([first, second]).Configuration;
        var other = Kubeconfig.Load([first, second], "b").Configuration;

        Assert.Equal(new Uri("https://first:6443"), new Uri(merged.Host));
        Assert.Equal("first-token", await TokenOf(merged));
        Assert.Equal("from-first", merged.Namespace);
        Assert.Equal(new Uri("https://only-second:6443"), new Uri(other.Host));
        Assert.Equal("v-token", await TokenOf(other));
    }

    public static TheoryData<string, string[]> Broken => new()
    {
        { "current-context: a: b\n", ["not valid YAML", "line 1"] },
        { "clusters: [unclosed\n", ["not valid YAML"] },
        { "- just\n- a list\n", ["expected a mapping"] },
        { "clusters: [{name: c, cluster: {server: 'https://k'}}]\ncontexts: [{name: x, context: {cluster: c}}]\n", ["no current-context", "'x'"] },
        { "current-context: missing\ncontexts: [{name: x, context: {cluster: c}}]\n", ["context 'missing' is not defined", "'x'"] },
        { "current-context: x\ncontexts: [{name: x, context: {cluster: nowhere}}]\n", ["refers to cluster 'nowhere'", "not defined"] },
        { "current-context: x\nclusters: [{name: c, cluster: {server: 'https://k'}}]\ncontexts: [{name: x, context: {cluster: c, user: ghost}}]\n", ["refers to user 'ghost'"] },
        { "current-context: x\nclusters: [{name: c, cluster: {insecure-skip-tls-verify: true}}]\ncontexts: [{name: x, context: {cluster: c}}]\n", ["cluster 'c' has no server"] },
        { "current-context: x\nclusters: [{name: c, cluster: {server: 'not a url'}}]\ncontexts: [{name: x, context: {cluster: c}}]\n", ["'not a url'", "not an http(s) URL"] },
        { "current-context: x\nclusters: [{name: c, cluster: {server: 'https://k', certificate-authority-data: '%%%not-base64'}}]\ncontexts: [{name: x, context: {cluster: c}}]\n", ["certificate-authority-data", "not valid base64", "line 2"] },
        { "current-context: x\nclusters: [{name: c, cluster: {server: 'https://k', certificate-authority: /nonexistent/ca.crt}}]\ncontexts: [{name: x, context: {cluster: c}}]\n", ["cannot read 'certificate-authority'", "/nonexistent/ca.crt"] },
        { "current-context: x\nclusters: [{name: c, cluster: {server: 'https://k', certificate-authority-data: 'aGVsbG8='}}]\ncontexts: [{name: x, context: {cluster: c}}]\n", ["holds no PEM certificate"] },
        { "current-context: x\nclusters: [{name: c, cluster: {server: 'https://k', insecure-skip-tls-verify: maybe}}]\ncontexts: [{name: x, context: {cluster: c}}]\n", ["insecure-skip-tls-verify", "'maybe'"] },
        { "current-context: x\nclusters: [{name: c, cluster: {server: 'https://k'}}]\nusers: [{name: u, user: {auth-provider: {name: gcp}}}]\ncontexts: [{name: x, context: {cluster: c, user: u}}]\n", ["auth-provider", "user 'u'"] },
        { "current-context: x\nclusters: [{name: c, cluster: {server: 'https://k'}}]\nusers: [{name: u, user: {exec: {args: [a]}}}]\ncontexts: [{name: x, context: {cluster: c, user: u}}]\n", ["exec plugin of user 'u' has no command"] },
        { "current-context: x\nclusters: [{name: c, cluster: {server: 'https://k'}}]\nusers: [{name: u, user: {client-certificate-data: 'aGVsbG8='}}]\ncontexts: [{name: x, context: {cluster: c, user: u}}]\n", ["client certificate but no client key"] },
        { "current-context: x\nclusters: {name: c}\n", ["'clusters'", "must be a list"] },
        { "current-context: x\nclusters: [{cluster: {server: 'https://k'}}]\n", ["has no name"] },
        { "current-context: x\nclusters: [{name: c, cluster: {server: 'https://k'}}]\nusers: [{name: u, user: {tokenFile: missing-token}}]\ncontexts: [{name: x, context: {cluster: c, user: u}}]\n", ["tokenFile", "missing-token", "does not exist"] },
    };

    [Theory]
    [MemberData(nameof(Broken))]
    public void A_broken_kubeconfig_is_refused_with_a_message_naming_what_and_where(string yaml, string[] expected)
    {
        var path = Write("broken", yaml);

        var error = Assert.Throws<KubeConfigException>(() => Load(path));

        Assert.Contains(path, error.Message);
        foreach (var fragment in expected) Assert.Contains(fragment, error.Message);
    }

    [Fact]
    public void An_unreadable_kubeconfig_file_is_named_in_the_error()
    {
        var missing = Path.Combine(_dir, "absent", "config");

        var error = Assert.Throws<KubeConfigException>(() => Load(missing));

        Assert.Contains($"Cannot read kubeconfig '{missing}'", error.Message);
    }

}
