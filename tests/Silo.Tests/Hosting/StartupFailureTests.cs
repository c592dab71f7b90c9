using System.Net;
using System.Net.Sockets;
using Actors.Kubernetes;
using Actors.Silo.Hosting;

namespace Actors.Silo.Tests.Hosting;

/// <summary>
/// What goes wrong before the silo serves is said in one line on stderr, with a non-zero exit
/// code, and nothing is left running: no listener, no embedded cluster, no state directory.
/// </summary>
public sealed class StartupFailureTests : IDisposable
{
    private readonly string scratch = Directory.CreateTempSubdirectory("silo-startup-").FullName;
    private readonly StringWriter stdout = new();
    private readonly StringWriter stderr = new();
    private readonly int httpPort = FreePort();

    public void Dispose() => Directory.Delete(scratch, recursive: true);

    private string StateDir => Path.Combine(scratch, "state");

    private async Task<int> RunAsync(Func<string, string?>? variable = null, params string[] args)
    {
        // Not in a pod, and nothing from the test runner's own environment (KUBECONFIG, HOME).
        var notInCluster = InClusterEnvironment.FromDirectory(Path.Combine(scratch, "no-service-account"), variable ?? (_ => null));
        var all = args.ToList();
        foreach (var (flag, value) in new[] { ("--http-address", $"127.0.0.1:{httpPort}"), ("--grpc-address", "127.0.0.1:0"), ("--state-dir", StateDir) })
            if (!all.Contains(flag)) all.AddRange([flag, value]);
        // A silo that starts after all is stopped again when the bound runs out, so the test ends either way.
        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        return await SiloProgram.RunAsync([.. all], stdout, stderr, notInCluster, bound.Token);
    }

    private string Kubeconfig(string text)
    {
        var path = Path.Combine(scratch, "kubeconfig");
        File.WriteAllText(path, text);
        return path;
    }

    private void AssertNothingStarted()
    {
        Assert.False(Directory.Exists(StateDir), "the embedded cluster's state directory was created");
        using var probe = new TcpListener(IPAddress.Loopback, httpPort);
        probe.Start(); // throws if the silo still listens
        Assert.Equal("", stdout.ToString());
    }

    [Fact]
    public async Task An_operator_cluster_replica_without_an_address_exits_naming_the_flag_and_the_pod_variable()
    {
        var code = await RunAsync(null, "--kubeconfig", Kubeconfig("apiVersion: v1\nkind: Config\n"), "--operator-cluster=ops");

        Assert.Equal(SiloProgram.UsageError, code);
        Assert.Contains("error: --operator-cluster needs this replica's address: give --silo-address ip:port, or run in a pod with $POD_IP set", stderr.ToString());
        AssertNothingStarted();
    }

    [Fact]
    public async Task An_operator_cluster_without_a_kubernetes_api_exits_with_a_usage_error()
    {
        var code = await RunAsync(null, "--operator-cluster=ops", "--silo-address=127.0.0.1:11111");

        Assert.Equal(SiloProgram.UsageError, code);
        Assert.Contains("error: --operator-cluster needs a Kubernetes API shared by the replicas, but no cluster is configured (embedded mode)", stderr.ToString());
        AssertNothingStarted();
    }

    [Fact]
    public async Task A_bad_flag_value_exits_with_a_usage_error()
    {
        var code = await RunAsync(null, "--install-crd=perhaps");

        Assert.Equal(SiloProgram.UsageError, code);
        Assert.Contains("error: --install-crd takes true or false, got 'perhaps'.", stderr.ToString());
        Assert.Contains("--help", stderr.ToString());
        AssertNothingStarted();
    }

    [Fact]
    public async Task A_kubernetes_api_rate_of_zero_exits_with_a_usage_error_naming_the_flag()
    {
        var code = await RunAsync(null, "--kube-api-qps=0");

        Assert.Equal(SiloProgram.UsageError, code);
        Assert.Contains("error: --kube-api-qps: '0' is not a number above zero.", stderr.ToString());
        AssertNothingStarted();
    }

    [Fact]
    public async Task The_removed_leader_election_flag_exits_with_a_usage_error_pointing_to_the_operator_cluster()
    {
        var code = await RunAsync(null, "--leader-elect");

        Assert.Equal(SiloProgram.UsageError, code);
        Assert.Contains("error: --leader-elect was removed", stderr.ToString());
        Assert.Contains("--operator-cluster=<name>", stderr.ToString());
        AssertNothingStarted();
    }

    [Fact]
    public async Task A_kubeconfig_that_is_not_yaml_is_refused_naming_the_file()
    {
        var path = Kubeconfig("clusters: [ this is : not yaml");

        var code = await RunAsync(null, "--kubeconfig", path);

        Assert.Equal(SiloProgram.StartupError, code);
        Assert.StartsWith("error: ", stderr.ToString());
        Assert.Contains(path, stderr.ToString());
        AssertNothingStarted();
    }

    [Fact]
    public async Task A_missing_kubeconfig_file_is_refused()
    {
        var path = Path.Combine(scratch, "nowhere", "config");

        var code = await RunAsync(null, "--kubeconfig", path);

        Assert.Equal(SiloProgram.StartupError, code);
        Assert.Contains($"kubeconfig '{path}' (from --kubeconfig {path}) does not exist.", stderr.ToString());
        AssertNothingStarted();
    }

    [Fact]
    public async Task A_KUBECONFIG_variable_naming_missing_files_is_refused_rather_than_falling_back_to_embedded_mode()
    {
        var missing = Path.Combine(scratch, "gone");

        var code = await RunAsync(name => name == "KUBECONFIG" ? missing : null);

        Assert.Equal(SiloProgram.StartupError, code);
        Assert.Contains("KUBECONFIG", stderr.ToString());
        AssertNothingStarted();
    }

    [Fact]
    public async Task A_context_the_kubeconfig_does_not_define_is_refused_listing_the_defined_ones()
    {
        var path = Kubeconfig(KubeconfigFor("https://127.0.0.1:1"));

        var code = await RunAsync(null, "--kubeconfig", path, "--context", "prod");

        Assert.Equal(SiloProgram.StartupError, code);
        Assert.Contains("context 'prod' is not defined; defined contexts: 'dev'", stderr.ToString());
        AssertNothingStarted();
    }

    [Fact]
    public async Task An_exec_plugin_that_fails_is_refused_in_one_line_naming_the_file_and_the_context()
    {
        var path = Kubeconfig(KubeconfigFor("https://127.0.0.1:1").Replace(
            "    token: abc",
            "    exec:\n      apiVersion: client.authentication.k8s.io/v1\n      command: /bin/false\n      interactiveMode: Never"));

        var code = await RunAsync(null, "--kubeconfig", path);

        Assert.Equal(SiloProgram.StartupError, code);
        var line = Assert.Single(stderr.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("error: ", line);
        Assert.Contains(path, line);
        Assert.Contains("context 'dev'", line);
        AssertNothingStarted();
    }

    [Fact]
    public async Task An_unreachable_api_server_is_reported_with_its_address()
    {
        var path = Kubeconfig(KubeconfigFor($"https://127.0.0.1:{FreePort()}"));

        var code = await RunAsync(null, "--kubeconfig", path);

        Assert.Equal(SiloProgram.StartupError, code);
        Assert.Contains("Cannot reach the Kubernetes API server https://127.0.0.1:", stderr.ToString());
        Assert.Contains(path, stderr.ToString());
        AssertNothingStarted();
    }

    [Fact]
    public async Task A_context_without_a_kubeconfig_is_refused_instead_of_starting_embedded_mode()
    {
        var code = await RunAsync(null, "--context", "prod");

        Assert.Equal(SiloProgram.UsageError, code);
        Assert.Contains("--context selects a kubeconfig context", stderr.ToString());
        AssertNothingStarted();
    }

    [Fact]
    public async Task A_port_in_use_is_reported_and_the_embedded_cluster_is_stopped_again()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;

        var code = await RunAsync(null, "--embedded", "--grpc-address", $"127.0.0.1:{port}");

        Assert.Equal(SiloProgram.StartupError, code);
        Assert.Contains($"127.0.0.1:{port}", stderr.ToString());
        Assert.Equal("", stdout.ToString());
    }

    private static string KubeconfigFor(string server) => $"""
        apiVersion: v1
        kind: Config
        clusters:
        - name: dev
          cluster:
            server: {server}
            insecure-skip-tls-verify: true
        users:
        - name: dev
          user:
            token: abc
        contexts:
        - name: dev
          context:
            cluster: dev
            user: dev
        current-context: dev
        """;

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
