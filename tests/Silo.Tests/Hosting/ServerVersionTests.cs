using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using Actors.Emulator;
using Actors.Kubernetes;
using Actors.Silo.Hosting;

namespace Actors.Silo.Tests.Hosting;

/// <summary>
/// The silo refuses an API server older than the oldest Kubernetes it supports, before it
/// serves or acts: one error line naming both versions, exit code 1.
/// </summary>
public sealed class ServerVersionTests : IDisposable
{
    private readonly string scratch = Directory.CreateTempSubdirectory("silo-version-").FullName;

    public void Dispose() => Directory.Delete(scratch, recursive: true);

    [Fact]
    public async Task An_api_server_older_than_the_minimum_is_refused_naming_both_versions()
    {
        await using var emulator = await KubernetesEmulator.StartAsync(new EmulatorOptions
        {
            KubernetesVersion = "v1.20.2",
            KubeconfigPath = Path.Combine(scratch, "kubeconfig"),
        });
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(60));

        var code = await SiloProgram.RunAsync(
            ["--kubeconfig", emulator.KubeconfigPath, "--http-address", $"127.0.0.1:{FreePort()}", "--grpc-address", "127.0.0.1:0"],
            stdout, stderr, InClusterEnvironment.FromDirectory(Path.Combine(scratch, "no-service-account"), _ => null), bound.Token);

        Assert.Equal(SiloProgram.StartupError, code);
        var line = Assert.Single(stderr.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("error: ", line);
        Assert.Contains("v1.20.2", line);
        Assert.Contains("v1.22", line);
        Assert.Equal("", stdout.ToString());
    }

    [Theory]
    [InlineData("1", "20", "v1.20.2", true)]
    [InlineData("1", "21+", "v1.21.14-eks-1", true)]
    [InlineData("1", "22", "v1.22.0", false)]
    [InlineData("1", "32", "v1.32.0", false)]
    [InlineData("2", "0", "v2.0.0", false)]
    public void The_minimum_is_judged_by_major_and_minor(string major, string minor, string git, bool refused)
    {
        var version = KubernetesServerVersion.Parse(new JsonObject { ["major"] = major, ["minor"] = minor, ["gitVersion"] = git });

        Assert.NotNull(version);
        var refusal = version.Refusal("https://api.example:6443");
        Assert.Equal(refused, refusal is not null);
        if (refused) Assert.Contains(git, refusal);
    }

    [Fact]
    public void An_answer_without_numeric_versions_is_not_judged()
    {
        Assert.Null(KubernetesServerVersion.Parse(new JsonObject { ["major"] = "", ["minor"] = "", ["gitVersion"] = "v0.0.0-master" }));
        Assert.Null(KubernetesServerVersion.Parse(null));
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
