using System.Net;
using System.Net.Sockets;
using System.Text;
using Actors.Kubernetes;
using Actors.Silo.Hosting;
using Actors.Silo.Tests.Support;

namespace Actors.Silo.Tests.Hosting;

/// <summary>
/// The silo started with a kubeconfig whose user is a client certificate and key (no token), as
/// kubeadm's admin.conf is: it reaches the API server, installs the CRD, serves, and stops
/// cleanly. The API server here authenticates by client certificate only
/// (<see cref="ClientCertificateGateway"/> in front of the emulator).
/// </summary>
public sealed class ClientCertificateTests : IAsyncLifetime
{
    private readonly string scratch = Directory.CreateTempSubdirectory("silo-client-cert-").FullName;
    private EmulatedCluster cluster = null!;
    private ClientCertificateGateway gateway = null!;

    public async Task InitializeAsync()
    {
        cluster = await EmulatedCluster.StartAsync("kafka");
        gateway = await ClientCertificateGateway.StartAsync(cluster.Emulator);
    }

    public async Task DisposeAsync()
    {
        await gateway.DisposeAsync();
        await cluster.DisposeAsync();
        Directory.Delete(scratch, recursive: true);
    }

    [Fact]
    public async Task The_silo_starts_against_a_kubeconfig_with_a_client_certificate_and_installs_the_crd()
    {
        var kubeconfig = WriteKubeconfig(withCertificate: true);
        var stdout = new SharedWriter();
        var stderr = new SharedWriter();
        var httpPort = FreePort();
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(90));

        var run = SiloProgram.RunAsync(
            ["--kubeconfig", kubeconfig, "--install-crd", "--http-address", $"127.0.0.1:{httpPort}", "--grpc-address", "127.0.0.1:0"],
            stdout.Writer, stderr.Writer, InClusterEnvironment.FromDirectory(Path.Combine(scratch, "no-service-account"), _ => null), stop.Token);
        await Eventually.UntilAsync(() => run.IsCompleted || stdout.Text.Contains("Press Ctrl+C to stop."), $"the silo serves; stderr so far: {stderr.Text}");
        Assert.False(run.IsCompleted, $"the silo exited: {stderr.Text}");

        Assert.Contains($"Kubernetes API:  {gateway.Url.ToString().TrimEnd('/')}", stdout.Text);
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{httpPort}") };
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/readyz")).StatusCode);
        // The emulator starts without the CRD: it is there because the silo applied it through the gateway.
        Assert.True(await new CustomResourceInstaller(cluster.Client()).IsEstablishedAsync(CancellationToken.None));

        await stop.CancelAsync();
        Assert.Equal(0, await run.WaitAsync(Eventually.Limit));
        Assert.Equal("", stderr.Text);
        Assert.True(gateway.Authenticated > 0);
        Assert.Equal(0, gateway.Refused);
    }

    [Fact]
    public async Task With_a_token_instead_of_the_client_certificate_the_same_api_server_refuses_the_silo()
    {
        var kubeconfig = WriteKubeconfig(withCertificate: false);
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(60));

        var code = await SiloProgram.RunAsync(
            ["--kubeconfig", kubeconfig, "--http-address", $"127.0.0.1:{FreePort()}", "--grpc-address", "127.0.0.1:0"],
            stdout, stderr, InClusterEnvironment.FromDirectory(Path.Combine(scratch, "no-service-account"), _ => null), bound.Token);

        Assert.Equal(SiloProgram.StartupError, code);
        Assert.True(stderr.ToString().StartsWith("error: Cannot reach the Kubernetes API server", StringComparison.Ordinal), stderr.ToString());
        Assert.Contains("Unauthorized: no client certificate", stderr.ToString());
        Assert.True(gateway.Refused > 0);
        Assert.Equal(0, gateway.Authenticated);
    }

    private string WriteKubeconfig(bool withCertificate)
    {
        static string Base64(string pem) => Convert.ToBase64String(Encoding.UTF8.GetBytes(pem));
        var user = withCertificate
            ? $"""
                  client-certificate-data: {Base64(gateway.Certificates.ClientCertificatePem)}
                  client-key-data: {Base64(gateway.Certificates.ClientKeyPem)}
              """
            : "    token: not-a-client-certificate";
        var path = Path.Combine(scratch, withCertificate ? "admin.conf" : "token.conf");
        File.WriteAllText(path, $"""
            apiVersion: v1
            kind: Config
            clusters:
            - name: gateway
              cluster:
                server: {gateway.Url.ToString().TrimEnd('/')}
                certificate-authority-data: {Base64(gateway.Certificates.AuthorityPem)}
            users:
            - name: kubernetes-admin
              user:
            {user}
            contexts:
            - name: kubernetes-admin@gateway
              context:
                cluster: gateway
                user: kubernetes-admin
            current-context: kubernetes-admin@gateway
            """);
        return path;
    }

    /// <summary>A writer the silo writes to on its own threads while the test reads what it wrote.</summary>
    private sealed class SharedWriter
    {
        private readonly StringWriter inner = new();

        public SharedWriter() => Writer = TextWriter.Synchronized(inner);

        public TextWriter Writer { get; }

        // The synchronized writer locks itself on every write; reading under the same lock sees whole writes.
        public string Text
        {
            get { lock (Writer) return inner.ToString(); }
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
