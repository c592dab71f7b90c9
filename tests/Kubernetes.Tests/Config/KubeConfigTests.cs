using System.Text;

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
        config.Token is null ? null : await config.Token.GetTokenAsync(CancellationToken.None);

    [Fact]
    public async Task The_current_context_chooses_server_ca_token_and_namespace()
    {
        var config = KubernetesClientConfiguration.FromKubeConfigFile(Write("config", TwoContexts));

        Assert.Equal(new Uri("https://dev.example:6443"), config.Server);
        Assert.Equal("kafka-dev", config.Namespace);
        Assert.Equal("dev-token", await TokenOf(config));
        Assert.False(config.SkipTlsVerify);
        Assert.Equal(_pki.Authority.Thumbprint, Assert.Single(config.CertificateAuthorities!).Thumbprint);
        Assert.Contains("context 'dev'", config.Source);
    }

    [Fact]
    public async Task An_explicit_context_overrides_the_current_one()
    {
        var config = KubernetesClientConfiguration.FromKubeConfigFile(Write("config", TwoContexts), context: "prod");

        Assert.Equal(new Uri("https://prod.example:443"), config.Server);
        Assert.Equal("default", config.Namespace);
        Assert.Equal("prod-token", await TokenOf(config));
        Assert.True(config.SkipTlsVerify);
        Assert.Null(config.CertificateAuthorities);
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

        var config = KubernetesClientConfiguration.FromKubeConfigFile(path);

        Assert.Equal(_pki.Authority.Thumbprint, config.CertificateAuthorities!.Single().Thumbprint);
        Assert.Equal("file-token", await TokenOf(config));
        Assert.Equal(Path.Combine(_dir, "token"), Assert.IsType<FileTokenSource>(config.Token).Path);
    }

    [Fact]
    public void Client_certificate_and_key_data_load_with_their_private_key()
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

        var config = KubernetesClientConfiguration.FromKubeConfigFile(path);

        Assert.NotNull(config.ClientCertificate);
        Assert.True(config.ClientCertificate.HasPrivateKey);
        Assert.Equal("CN=operator", config.ClientCertificate.Subject);
        Assert.Null(config.Token);
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

        Assert.Equal("CN=file-user", KubernetesClientConfiguration.FromKubeConfigFile(path).ClientCertificate!.Subject);
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

        Assert.False(KubernetesClientConfiguration.FromKubeConfigFile(path).SkipTlsVerify);
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
        var env = new Dictionary<string, string?> { ["KUBECONFIG"] = $"{first}{Path.PathSeparator}{second}" };
        var environment = InClusterEnvironment.FromDirectory(Path.Combine(_dir, "no-sa"), n => env.GetValueOrDefault(n));

        var merged = KubernetesClientConfiguration.Discover(environment: environment)!;
        var other = KubernetesClientConfiguration.Discover(context: "b", environment: environment)!;

        Assert.Equal(new Uri("https://first:6443"), merged.Server);
        Assert.Equal("first-token", await TokenOf(merged));
        Assert.Equal("from-first", merged.Namespace);
        Assert.Equal(new Uri("https://only-second:6443"), other.Server);
        Assert.Equal("v-token", await TokenOf(other));
    }

    [Fact]
    public void An_explicit_kubeconfig_path_wins_over_KUBECONFIG()
    {
        var chosen = Write("chosen", """
            current-context: c
            clusters: [{name: c, cluster: {server: 'https://chosen:6443'}}]
            contexts: [{name: c, context: {cluster: c}}]
            """);
        var env = new Dictionary<string, string?> { ["KUBECONFIG"] = Path.Combine(_dir, "missing") };
        var environment = InClusterEnvironment.FromDirectory(_dir, n => env.GetValueOrDefault(n));

        Assert.Equal(new Uri("https://chosen:6443"), KubernetesClientConfiguration.Discover(chosen, environment: environment)!.Server);
    }

    [Fact]
    public void Discovery_finds_nothing_without_kubeconfig_or_service_account()
    {
        var environment = InClusterEnvironment.FromDirectory(Path.Combine(_dir, "no-sa"), n => n == "HOME" ? _dir : null);

        Assert.Null(KubernetesClientConfiguration.Discover(environment: environment));
    }

    [Fact]
    public void Discovery_falls_back_to_the_home_kubeconfig()
    {
        Directory.CreateDirectory(Path.Combine(_dir, ".kube"));
        File.WriteAllText(Path.Combine(_dir, ".kube", "config"), """
            current-context: c
            clusters: [{name: c, cluster: {server: 'https://home:6443'}}]
            contexts: [{name: c, context: {cluster: c}}]
            """);
        var environment = InClusterEnvironment.FromDirectory(Path.Combine(_dir, "no-sa"), n => n == "HOME" ? _dir : null);

        Assert.Equal(new Uri("https://home:6443"), KubernetesClientConfiguration.Discover(environment: environment)!.Server);
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

        var error = Assert.Throws<KubeConfigException>(() => KubernetesClientConfiguration.FromKubeConfigFile(path));

        Assert.Contains(path, error.Message);
        foreach (var fragment in expected) Assert.Contains(fragment, error.Message);
    }

    [Fact]
    public void An_unreadable_kubeconfig_file_is_named_in_the_error()
    {
        var missing = Path.Combine(_dir, "absent", "config");

        var error = Assert.Throws<KubeConfigException>(() => KubernetesClientConfiguration.FromKubeConfigFile(missing));

        Assert.Contains($"Cannot read kubeconfig '{missing}'", error.Message);
    }

    [Fact]
    public void KUBECONFIG_naming_only_missing_files_is_an_error()
    {
        var env = new Dictionary<string, string?> { ["KUBECONFIG"] = Path.Combine(_dir, "nope") };
        var environment = InClusterEnvironment.FromDirectory(_dir, n => env.GetValueOrDefault(n));

        var error = Assert.Throws<KubeConfigException>(() => KubernetesClientConfiguration.Discover(environment: environment));

        Assert.Contains("KUBECONFIG", error.Message);
        Assert.Contains("nope", error.Message);
    }
}
