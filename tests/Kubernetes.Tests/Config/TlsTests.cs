using System.Security.Authentication;
using System.Text;
using k8s;
using k8s.Exceptions;

namespace Actors.Kubernetes.Tests;

public sealed class TlsTests
{
    private static string KubeConfig(Uri server, string? caPem, bool skipVerify = false, string? clientCertPem = null, string? clientKeyPem = null, string? tlsServerName = null)
    {
        static string B64(string s) => Convert.ToBase64String(Encoding.UTF8.GetBytes(s));
        var cluster = new StringBuilder($"    server: {server.ToString().TrimEnd('/')}\n");
        if (caPem is not null) cluster.Append($"    certificate-authority-data: {B64(caPem)}\n");
        if (skipVerify) cluster.Append("    insecure-skip-tls-verify: true\n");
        if (tlsServerName is not null) cluster.Append($"    tls-server-name: {tlsServerName}\n");
        var user = clientCertPem is null
            ? $"    token: {ScriptedApiServer.Token}\n"
            : $"    token: {ScriptedApiServer.Token}\n    client-certificate-data: {B64(clientCertPem)}\n    client-key-data: {B64(clientKeyPem!)}\n";
        return $"current-context: c\nclusters:\n- name: c\n  cluster:\n{cluster}users:\n- name: u\n  user:\n{user}contexts:\n- name: c\n  context: {{cluster: c, user: u}}\n";
    }

    private static KubernetesClientConfiguration Load(string kubeconfig)
    {
        var path = Path.Combine(Path.GetTempPath(), $"kubeconfig-{Guid.NewGuid():N}");
        File.WriteAllText(path, kubeconfig);
        try
        {
            return Kubeconfig.Load([path]).Configuration;
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static async Task<Exception?> TryGet(string kubeconfig, ScriptedApiServer server)
    {
        server.ThenJson(200, Json.Pod("p", "1"));
        using var client = KubernetesClients.Create(Load(kubeconfig));
        try
        {
            await client.CoreV1.ReadNamespacedPodAsync("p", "kafka");
            return null;
        }
        catch (Exception e)
        {
            return e;
        }
    }

    [Fact]
    public async Task A_server_signed_by_the_configured_ca_is_trusted()
    {
        await using var cluster = await TestCluster.StartAsync();

        Assert.Null(await TryGet(KubeConfig(cluster.Server.Url, cluster.Pki.AuthorityPem), cluster.Server));
    }

    [Fact]
    public async Task A_server_certificate_from_another_ca_is_refused()
    {
        using var rogue = TestPki.Create("Rogue CA");
        using var trusted = TestPki.Create("Trusted CA");
        await using var server = await ScriptedApiServer.StartAsync(rogue.IssueServer());

        var error = await TryGet(KubeConfig(server.Url, trusted.AuthorityPem), server);

        var failure = Assert.IsType<HttpRequestException>(error);
        Assert.IsType<AuthenticationException>(failure.InnerException);
        Assert.Empty(server.Requests);
    }

    [Fact]
    public async Task Without_a_configured_ca_the_system_roots_do_not_trust_a_private_ca()
    {
        await using var cluster = await TestCluster.StartAsync();

        var error = await TryGet(KubeConfig(cluster.Server.Url, caPem: null), cluster.Server);

        Assert.IsType<HttpRequestException>(error);
        Assert.Empty(cluster.Server.Requests);
    }

    [Fact]
    public async Task A_trusted_certificate_for_another_host_name_is_refused()
    {
        using var pki = TestPki.Create();
        await using var server = await ScriptedApiServer.StartAsync(pki.IssueServer(forLoopback: false));

        var error = await TryGet(KubeConfig(server.Url, pki.AuthorityPem), server);

        Assert.IsType<HttpRequestException>(error);
        Assert.Empty(server.Requests);
    }

    [Fact]
    public async Task Tls_server_name_accepts_a_certificate_for_that_name_instead_of_the_host()
    {
        using var pki = TestPki.Create();
        await using var server = await ScriptedApiServer.StartAsync(pki.IssueServer(forLoopback: false));

        Assert.Null(await TryGet(KubeConfig(server.Url, pki.AuthorityPem, tlsServerName: "elsewhere.example"), server));
        Assert.IsType<HttpRequestException>(await TryGet(KubeConfig(server.Url, pki.AuthorityPem, tlsServerName: "third.example"), server));
    }

    [Fact]
    public async Task Requests_go_through_the_kubeconfigs_proxy_url_with_tls_still_verified_end_to_end()
    {
        await using var cluster = await TestCluster.StartAsync();
        using var proxy = new ConnectProxy();
        var kubeconfig = KubeConfig(cluster.Server.Url, cluster.Pki.AuthorityPem).Replace("  cluster:\n", $"  cluster:\n    proxy-url: {proxy.Url}\n");

        Assert.Null(await TryGet(kubeconfig, cluster.Server));

        Assert.Equal($"127.0.0.1:{cluster.Server.Url.Port}", Assert.Single(proxy.Targets));
        Assert.Single(cluster.Server.Requests);
    }

    [Fact]
    public void A_proxy_url_that_is_not_a_proxy_is_refused()
    {
        var kubeconfig = KubeConfig(new Uri("https://127.0.0.1:6443"), caPem: null).Replace("  cluster:\n", "  cluster:\n    proxy-url: ftp://proxy\n");

        var error = Assert.Throws<KubeConfigException>(() => Load(kubeconfig));

        Assert.Contains("proxy-url 'ftp://proxy'", error.Message);
    }

    [Fact]
    public async Task Insecure_skip_tls_verify_accepts_any_server_when_the_file_says_so()
    {
        using var rogue = TestPki.Create("Rogue CA");
        await using var server = await ScriptedApiServer.StartAsync(rogue.IssueServer());

        Assert.Null(await TryGet(KubeConfig(server.Url, caPem: null, skipVerify: true), server));
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task The_client_certificate_is_presented_to_the_server()
    {
        await using var cluster = await TestCluster.StartAsync(requireClientCertificate: true);
        using var clientCert = cluster.Pki.IssueClient("system:actors-operator");

        var error = await TryGet(KubeConfig(cluster.Server.Url, cluster.Pki.AuthorityPem, clientCertPem: clientCert.ExportCertificatePem(), clientKeyPem: TestPki.KeyPem(clientCert)), cluster.Server);

        Assert.Null(error);
        Assert.Equal("CN=system:actors-operator", cluster.Server.Requests.Single().ClientCertificateSubject);
    }
}
