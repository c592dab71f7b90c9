using Actors.EndToEnd.Tests.Harness;
using Actors.Grains.Cluster;
using Actors.Kubernetes;

namespace Actors.EndToEnd.Tests.Silo;

/// <summary>
/// An embedded silo (a real process, with the sample applied) whose operator manages another
/// namespace (--watch-namespaces), so nothing but the API under test could write the sample's
/// KafkaCluster: any change of its resourceVersion is a request that got through. The API
/// serves every namespace whatever the operator manages.
/// </summary>
public sealed class QuietEmbeddedSilo : IAsyncLifetime
{
    private readonly string workDir = Directory.CreateTempSubdirectory("silo-guard-").FullName;

    public SiloProcess Silo { get; private set; } = null!;
    public string AdminToken { get; private set; } = "";
    public string ReadToken { get; private set; } = "";
    public k8s.Kubernetes Client { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Silo = await SiloProcess.StartAsync(workDir, null,
            ["--http-address", "127.0.0.1:0", "--grpc-address", "127.0.0.1:0", "--watch-namespaces", "elsewhere"]);
        AdminToken = await Silo.ReadStateAsync("token");
        ReadToken = await Silo.ReadStateAsync("read-token");
        Client = KubernetesClients.Create(Kubeconfig.Load([Silo.StateFile("kubeconfig")]).Configuration);
    }

    public HttpClient Http() => new() { BaseAddress = Silo.Http, Timeout = TimeSpan.FromSeconds(60) };

    /// <summary>The sample's KafkaCluster as stored now.</summary>
    public Task<KafkaCluster> SampleAsync() => new KafkaClusters(Client).GetAsync("demo", "kafka");

    public async Task DisposeAsync()
    {
        Client?.Dispose();
        if (Silo is not null) await Silo.DisposeAsync();
        Directory.Delete(workDir, recursive: true);
    }
}
