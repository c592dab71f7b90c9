using Microsoft.Extensions.Time.Testing;

namespace Actors.Kubernetes.Tests;

public sealed class ExecCredentialTests : IAsyncLifetime
{
    private readonly string _dir = Directory.CreateTempSubdirectory("exec-plugin-").FullName;
    private readonly FakeTimeProvider _clock = new(TestTime.Start);
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

    [Fact]
    public async Task The_plugins_token_is_used_until_it_expires_then_the_plugin_runs_again()
    {
        Plugin("""
            n=$(cat "$(dirname "$0")/runs" 2>/dev/null || echo 0); n=$((n+1)); echo $n > "$(dirname "$0")/runs"
            echo "{\"apiVersion\":\"client.authentication.k8s.io/v1\",\"kind\":\"ExecCredential\",\"status\":{\"token\":\"exec-token-$n\",\"expirationTimestamp\":\"2026-01-01T00:10:00Z\"}}"
            """);
        var yaml = KubeConfig("    exec:\n      apiVersion: client.authentication.k8s.io/v1\n      command: ./plugin.sh\n      interactiveMode: Never");
        using var client = new KubernetesClient(KubernetesClientConfiguration.FromKubeConfigText(yaml, directory: _dir, timeProvider: _clock));
        for (var i = 0; i < 3; i++) _cluster.Server.ThenJson(200, Json.Pod("p", "1"));

        await client.GetAsync<Pod>("p", "kafka");
        await client.GetAsync<Pod>("p", "kafka");
        _clock.Advance(TimeSpan.FromMinutes(10));
        await client.GetAsync<Pod>("p", "kafka");

        Assert.Equal(["Bearer exec-token-1", "Bearer exec-token-1", "Bearer exec-token-2"], _cluster.Server.Requests.Select(r => r.Header("Authorization")));
    }

    [Fact]
    public async Task The_plugin_gets_its_args_env_and_exec_info()
    {
        Plugin("""
            echo "$1 $GREETING $KUBERNETES_EXEC_INFO" > "$(dirname "$0")/seen"
            echo '{"kind":"ExecCredential","status":{"token":"exec-token-1"}}'
            """);
        var yaml = KubeConfig("    exec:\n      command: ./plugin.sh\n      args: [first-arg]\n      env: [{name: GREETING, value: hello}]");
        using var client = new KubernetesClient(KubernetesClientConfiguration.FromKubeConfigText(yaml, directory: _dir));
        _cluster.Server.ThenJson(200, Json.Pod("p", "1"));

        await client.GetAsync<Pod>("p", "kafka");

        var seen = File.ReadAllText(Path.Combine(_dir, "seen"));
        Assert.StartsWith("first-arg hello {\"apiVersion\":\"client.authentication.k8s.io/v1\",\"kind\":\"ExecCredential\"", seen);
    }

    [Fact]
    public async Task A_failing_plugin_surfaces_its_exit_code_and_stderr()
    {
        Plugin("echo 'token expired, run: login' >&2; exit 3");
        var yaml = KubeConfig("    exec:\n      command: ./plugin.sh");
        using var client = new KubernetesClient(KubernetesClientConfiguration.FromKubeConfigText(yaml, directory: _dir));

        var error = await Assert.ThrowsAsync<KubeConfigException>(() => client.GetAsync<Pod>("p", "kafka"));

        Assert.Contains("exited with 3", error.Message);
        Assert.Contains("token expired, run: login", error.Message);
        Assert.Empty(_cluster.Server.Requests);
    }

    [Fact]
    public async Task A_missing_plugin_names_the_command_and_the_install_hint()
    {
        var yaml = KubeConfig("    exec:\n      command: no-such-plugin-anywhere\n      installHint: Install it with your package manager.");
        using var client = new KubernetesClient(KubernetesClientConfiguration.FromKubeConfigText(yaml, directory: _dir));

        var error = await Assert.ThrowsAsync<KubeConfigException>(() => client.GetAsync<Pod>("p", "kafka"));

        Assert.Contains("no-such-plugin-anywhere", error.Message);
        Assert.Contains("Install it with your package manager.", error.Message);
    }
}
