using k8s;
using k8s.Exceptions;
using Microsoft.Extensions.Time.Testing;

namespace Actors.Kubernetes.Tests;

public sealed class InClusterTests : IAsyncLifetime
{
    private readonly string _dir = Directory.CreateTempSubdirectory("serviceaccount-").FullName;
    private readonly FakeTimeProvider _clock = new(TestTime.Start);
    private TestCluster _cluster = null!;

    public async Task InitializeAsync()
    {
        _cluster = await TestCluster.StartAsync();
        File.WriteAllText(Path.Combine(_dir, "token"), "sa-token-1");
        File.WriteAllText(Path.Combine(_dir, "ca.crt"), _cluster.Pki.AuthorityPem);
        File.WriteAllText(Path.Combine(_dir, "namespace"), "kafka-system\n");
        _cluster.Server.AcceptedTokens = ["sa-token-1", "sa-token-2"];
    }

    public async Task DisposeAsync()
    {
        await _cluster.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }

    private InClusterEnvironment Environment(string host = "127.0.0.1") => InClusterEnvironment.FromDirectory(_dir, name => name switch
    {
        "KUBERNETES_SERVICE_HOST" => host,
        "KUBERNETES_SERVICE_PORT" => _cluster.Server.Url.Port.ToString(),
        _ => null,
    }, _clock);

    [Fact]
    public async Task The_service_account_gives_server_ca_token_and_namespace()
    {
        var (config, source) = InCluster.Load(Environment());
        using var client = KubernetesClients.Create(config);
        _cluster.Server.ThenJson(200, Json.Pod("p", "1"));

        await client.CoreV1.ReadNamespacedPodAsync("p", "kafka-system");

        Assert.True(InCluster.IsInCluster(Environment()));
        Assert.Equal(new Uri($"https://127.0.0.1:{_cluster.Server.Url.Port}"), new Uri(config.Host));
        Assert.Contains("in-cluster", source);
        Assert.Equal("kafka-system", config.Namespace);
        Assert.Equal("Bearer sa-token-1", _cluster.Server.Requests.Single().Header("Authorization"));
    }

    [Fact]
    public void An_IPv6_service_host_is_bracketed()
    {
        var (config, _) = InCluster.Load(Environment("fd00::1"));

        Assert.Equal("[fd00::1]", new Uri(config.Host).Host);
    }

    [Fact]
    public void Outside_a_pod_in_cluster_configuration_explains_what_is_missing()
    {
        var outside = InClusterEnvironment.FromDirectory(_dir, _ => null);

        Assert.False(InCluster.IsInCluster(outside));
        var error = Assert.Throws<KubeConfigException>(() => InCluster.Load(outside));
        Assert.Contains("KUBERNETES_SERVICE_HOST", error.Message);
    }

    [Fact]
    public void A_missing_cluster_ca_is_named()
    {
        File.Delete(Path.Combine(_dir, "ca.crt"));

        var error = Assert.Throws<KubeConfigException>(() => InCluster.Load(Environment()));

        Assert.Contains(Path.Combine(_dir, "ca.crt"), error.Message);
    }
}
