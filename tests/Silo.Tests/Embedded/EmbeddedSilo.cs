using System.Text.RegularExpressions;
using Actors.Kubernetes;
using Actors.Silo.Hosting;

namespace Actors.Silo.Tests.Embedded;

/// <summary>
/// The silo in embedded mode inside the test process, as `dotnet run --project src/Silo` starts it
/// (emulator, simulated kubelet, sample cluster, its Kafka), with its banner and a client on the
/// kubeconfig it wrote. Stopped as SIGTERM stops it.
/// </summary>
public sealed partial class EmbeddedSilo : IAsyncDisposable
{
    private static readonly TimeSpan BannerLimit = TimeSpan.FromSeconds(90);

    private readonly string scratch = Directory.CreateTempSubdirectory("silo-embedded-kafka-").FullName;
    private readonly StringWriter output = new();
    private readonly TextWriter stdout;
    private readonly CancellationTokenSource stop = new();
    private Task<int> run = Task.FromResult(0);

    private EmbeddedSilo() => stdout = TextWriter.Synchronized(output);

    public string Banner { get; private set; } = "";

    public string StateDir => Path.Combine(scratch, ".actors");

    public k8s.Kubernetes Client { get; private set; } = null!;

    /// <summary>The dashboard's address and the read token its link carries.</summary>
    public (Uri Http, string ReadToken) Dashboard { get; private set; }

    public static async Task<EmbeddedSilo> StartAsync(params string[] args)
    {
        var silo = new EmbeddedSilo();
        try
        {
            await silo.RunAsync(args);
            return silo;
        }
        catch
        {
            await silo.DisposeAsync();
            throw;
        }
    }

    /// <summary>The banner line that holds a command, as a user copies it: from its first word to the end.</summary>
    public string Command(string start)
    {
        var line = Banner.Split('\n').FirstOrDefault(l => l.Contains(start, StringComparison.Ordinal));
        Assert.True(line is not null, $"The banner prints no `{start}…` line:\n{Banner}");
        return line[line.IndexOf(start, StringComparison.Ordinal)..].Trim();
    }

    private async Task RunAsync(string[] args)
    {
        var notInCluster = InClusterEnvironment.FromDirectory(Path.Combine(scratch, "no-service-account"), _ => null);
        string[] all = ["--http-address", "127.0.0.1:0", "--grpc-address", "127.0.0.1:0", "--state-dir", StateDir, .. args];
        run = Task.Run(() => SiloProgram.RunAsync(all, stdout, stdout, notInCluster, stop.Token));
        var deadline = DateTime.UtcNow + BannerLimit;
        while (!output.ToString().Contains("Press Ctrl+C to stop.", StringComparison.Ordinal))
        {
            if (run.IsCompleted) Assert.Fail($"The silo exited with {await run} before its banner:\n{output}");
            if (DateTime.UtcNow > deadline) Assert.Fail($"No banner within {BannerLimit}:\n{output}");
            await Task.Delay(100);
        }

        Banner = output.ToString();
        Client = KubernetesClients.Create(Kubeconfig.Load([Path.Combine(StateDir, "kubeconfig")]).Configuration);
        var link = new Uri(DashboardLine().Match(Banner).Groups[1].Value);
        Dashboard = (new Uri(link.GetLeftPart(UriPartial.Authority)), link.Fragment["#token=".Length..]);
    }

    public async ValueTask DisposeAsync()
    {
        Client?.Dispose();
        await stop.CancelAsync();
        await run;
        stop.Dispose();
        Directory.Delete(scratch, recursive: true);
    }

    [GeneratedRegex(@"Dashboard:\s+(\S+)")]
    private static partial Regex DashboardLine();
}
