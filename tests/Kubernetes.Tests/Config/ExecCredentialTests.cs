using k8s;
using k8s.Exceptions;

namespace Actors.Kubernetes.Tests;

public sealed class ExecCredentialTests : IAsyncLifetime
{
    private readonly string _dir = Directory.CreateTempSubdirectory("exec-plugin-").FullName;
    private TestCluster _cluster = null!;

    public async Task InitializeAsync()
    {
        _cluster = await TestCluster.StartAsync();
        _cluster.Server.AcceptedTokens = ["exec-token-1", "exec-token-2"];
    }

    public async Task DisposeAsync()
    {
        await _cluster.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }

    /// <summary>A plugin that counts its runs and hands out token n, valid ten minutes from the test clock's start.</summary>
    private string Plugin(string body)
    {
        var path = Path.Combine(_dir, "plugin.sh");
        File.WriteAllText(path, "#!/bin/sh\n" + body);
        if (OperatingSystem.IsWindows()) throw new PlatformNotSupportedException("exec plugin tests use /bin/sh");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return path;
    }

    private string KubeConfig(string user) => _cluster.KubeConfig().Replace($"    token: {ScriptedApiServer.Token}", user);

    /// <summary>Loads the kubeconfig from a file beside the plugin, so ./plugin.sh resolves like kubectl's.</summary>
    private KubernetesClientConfiguration Load(string yaml)
    {
        var path = Path.Combine(_dir, "config");
        File.WriteAllText(path, yaml);
        return Kubeconfig.Load([path]).Configuration;
    }

    [Fact]
    public async Task The_plugins_token_is_presented_to_the_server()
    {
        Plugin("""
            echo '{"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential","status":{"token":"exec-token-1"}}'
            """);
        var yaml = KubeConfig("    exec:\n      apiVersion: client.authentication.k8s.io/v1\n      command: ./plugin.sh\n      interactiveMode: Never");
        using var client = KubernetesClients.Create(Load(yaml));
        _cluster.Server.ThenJson(200, Json.Pod("p", "1"));

        await client.CoreV1.ReadNamespacedPodAsync("p", "kafka");

        Assert.Equal(["Bearer exec-token-1"], _cluster.Server.Requests.Select(r => r.Header("Authorization")));
    }

    [Fact]
    public async Task The_plugin_gets_its_args_env_and_exec_info()
    {
        Plugin("""
            echo "$1 $GREETING $KUBERNETES_EXEC_INFO" > "$(dirname "$0")/seen"
            echo '{"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential","status":{"token":"exec-token-1"}}'
            """);
        var yaml = KubeConfig("    exec:\n      apiVersion: client.authentication.k8s.io/v1\n      command: ./plugin.sh\n      args: [first-arg]\n      env: [{name: GREETING, value: hello}]");
        using var client = KubernetesClients.Create(Load(yaml));
        _cluster.Server.ThenJson(200, Json.Pod("p", "1"));

        await client.CoreV1.ReadNamespacedPodAsync("p", "kafka");

        var seen = File.ReadAllText(Path.Combine(_dir, "seen"));
        Assert.StartsWith("first-arg hello ", seen);
    }

    [Fact]
    public void A_failing_plugin_stops_loading_with_the_file_and_the_user_named()
    {
        Plugin("echo 'token expired, run: login' >&2; exit 3");
        var yaml = KubeConfig("    exec:\n      apiVersion: client.authentication.k8s.io/v1\n      command: ./plugin.sh");

        var error = Assert.Throws<KubeConfigException>(() => Load(yaml));

        Assert.Contains(Path.Combine(_dir, "config"), error.Message);
        Assert.Contains("user 'tester'", error.Message);
        Assert.Empty(_cluster.Server.Requests);
    }

    [Fact]
    public void A_missing_plugin_names_the_command_and_the_install_hint()
    {
        var yaml = KubeConfig("    exec:\n      apiVersion: client.authentication.k8s.io/v1\n      command: no-such-plugin-anywhere\n      installHint: Install it with your package manager.");

        var error = Assert.Throws<KubeConfigException>(() => Load(yaml));

        Assert.Contains("no-such-plugin-anywhere", error.Message);
        Assert.Contains("Install it with your package manager.", error.Message);
    }
}
