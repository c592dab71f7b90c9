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
        var config = KubernetesClientConfiguration.InCluster(Environment());
        using var client = new KubernetesClient(config);
        _cluster.Server.ThenJson(200, Json.Pod("p", "1"));

        await client.GetAsync<Pod>("p", "kafka-system");

        Assert.True(KubernetesClientConfiguration.IsInCluster(Environment()));
        Assert.Equal(new Uri($"https://127.0.0.1:{_cluster.Server.Url.Port}"), config.Server);
        Assert.Equal("kafka-system", config.Namespace);
        Assert.Equal("Bearer sa-token-1", _cluster.Server.Requests.Single().Header("Authorization"));
    }

    [Fact]
    public void An_IPv6_service_host_is_bracketed()
    {
        var config = KubernetesClientConfiguration.InCluster(Environment("fd00::1"));

        Assert.Equal("[fd00::1]", config.Server.Host);
    }

    [Fact]
    public async Task A_rotated_token_is_picked_up_once_the_cached_one_is_a_minute_old()
    {
        using var client = new KubernetesClient(KubernetesClientConfiguration.InCluster(Environment()));
        _cluster.Server.ThenJson(200, Json.Pod("p", "1")).ThenJson(200, Json.Pod("p", "1")).ThenJson(200, Json.Pod("p", "1"));

        await client.GetAsync<Pod>("p", "kafka-system");
        File.WriteAllText(Path.Combine(_dir, "token"), "sa-token-2");
        await client.GetAsync<Pod>("p", "kafka-system");
        _clock.Advance(TimeSpan.FromSeconds(61));
        await client.GetAsync<Pod>("p", "kafka-system");

        Assert.Equal(["Bearer sa-token-1", "Bearer sa-token-1", "Bearer sa-token-2"], _cluster.Server.Requests.Select(r => r.Header("Authorization")));
    }

    [Fact]
    public async Task A_401_rereads_the_token_file_and_retries_once()
    {
        using var client = new KubernetesClient(KubernetesClientConfiguration.InCluster(Environment()));
        _cluster.Server.ThenJson(200, Json.Pod("p", "1")).ThenJson(200, Json.Pod("p", "2"));
        await client.GetAsync<Pod>("p", "kafka-system");

        File.WriteAllText(Path.Combine(_dir, "token"), "sa-token-2");
        _cluster.Server.AcceptedTokens = ["sa-token-2"];
        var pod = await client.GetAsync<Pod>("p", "kafka-system");

        Assert.Equal("2", pod.Metadata.ResourceVersion);
        Assert.Equal(["Bearer sa-token-1", "Bearer sa-token-1", "Bearer sa-token-2"], _cluster.Server.Requests.Select(r => r.Header("Authorization")));
    }

    [Fact]
    public void Outside_a_pod_in_cluster_configuration_explains_what_is_missing()
    {
        var outside = InClusterEnvironment.FromDirectory(_dir, _ => null);

        Assert.False(KubernetesClientConfiguration.IsInCluster(outside));
        var error = Assert.Throws<KubeConfigException>(() => KubernetesClientConfiguration.InCluster(outside));
        Assert.Contains("KUBERNETES_SERVICE_HOST", error.Message);
    }

    [Fact]
    public void A_missing_cluster_ca_is_named()
    {
        File.Delete(Path.Combine(_dir, "ca.crt"));

        var error = Assert.Throws<KubeConfigException>(() => KubernetesClientConfiguration.InCluster(Environment()));

        Assert.Contains(Path.Combine(_dir, "ca.crt"), error.Message);
    }

    [Fact]
    public void Discovery_uses_the_service_account_when_there_is_no_kubeconfig()
    {
        var env = Environment();
        var withoutHome = env with { Variable = n => n == "HOME" ? _dir : env.Variable(n) };

        var config = KubernetesClientConfiguration.Discover(environment: withoutHome);

        Assert.NotNull(config);
        Assert.Contains("in-cluster", config.Source);
    }
}
