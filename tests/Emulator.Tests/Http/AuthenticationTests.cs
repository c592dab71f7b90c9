using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Actors.Emulator.Tests.Support;

namespace Actors.Emulator.Tests.Http;

public sealed class AuthenticationTests : EmulatorTest
{
    [Fact]
    public async Task A_request_without_a_token_is_unauthorized()
    {
        using var http = Emulator.CreateHttpClient(token: "");
        var r = await new Support.Api(http).Get(ConfigMaps);
        Assert.Equal(401, r.Code);
        Assert.Equal("Status", r.Object.Text("kind"));
    }

    [Fact]
    public async Task A_request_with_an_unknown_token_is_unauthorized()
    {
        using var http = Emulator.CreateHttpClient(token: "not-a-token");
        Assert.Equal(401, (await new Support.Api(http).Get(ConfigMaps)).Code);
    }

    [Fact]
    public async Task The_read_only_token_may_list_but_a_write_is_forbidden_with_a_status()
    {
        var viewer = new Support.Api(Emulator.CreateHttpClient(Emulator.ReadOnlyToken));
        Assert.Equal(200, (await viewer.Get(ConfigMaps)).Code);
        var r = await viewer.Post(ConfigMaps, Objects.ConfigMap("a"));
        Assert.Equal(403, r.Code);
        Assert.Equal("Forbidden", r.Reason);
        Assert.Contains("cannot create resource \"configmaps\"", r.Object.Text("message"));
        Assert.Null(await Find(ConfigMaps, "a"));
    }

    [Fact]
    public async Task Version_is_public_so_the_kubectl_dispatcher_can_pick_a_client()
    {
        using var http = Emulator.CreateHttpClient(token: "");
        var r = await new Support.Api(http).Get("/version");
        Assert.Equal(200, r.Code);
        Assert.Equal("1", r.Object.Text("major"));
        Assert.StartsWith("v1.32", r.Object.Text("gitVersion"));
    }

    [Fact]
    public async Task The_server_certificate_is_rejected_by_a_client_that_does_not_trust_the_emulator_ca()
    {
        using var http = new HttpClient { BaseAddress = new Uri(Emulator.Url) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Emulator.AdminToken);
        await Assert.ThrowsAsync<HttpRequestException>(() => http.GetAsync("/api/v1/namespaces"));
    }

    [Fact]
    public void The_kubeconfig_names_the_server_its_ca_and_the_admin_token()
    {
        var text = File.ReadAllText(Emulator.KubeconfigPath);
        Assert.Contains($"server: {Emulator.Url}", text);
        Assert.Contains($"token: {Emulator.AdminToken}", text);
        var caData = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(Emulator.CaCertificatePem));
        Assert.Contains($"certificate-authority-data: {caData}", text);
    }
}

public sealed class KubeconfigPathTests
{
    [Fact]
    public async Task The_kubeconfig_is_written_where_the_options_say()
    {
        var dir = Directory.CreateTempSubdirectory("emulator-kubeconfig-").FullName;
        var path = Path.Combine(dir, "nested", "kubeconfig");
        await using (var emulator = await KubernetesEmulator.StartAsync(new EmulatorOptions { KubeconfigPath = path, AdminToken = "fixed-token" }))
        {
            Assert.Equal(path, emulator.KubeconfigPath);
            Assert.Contains("token: fixed-token", await File.ReadAllTextAsync(path));
        }
        Directory.Delete(dir, true);
    }

    [Fact]
    public async Task Default_and_kube_system_namespaces_exist_at_start()
    {
        await using var emulator = await KubernetesEmulator.StartAsync();
        var api = new Support.Api(emulator.CreateHttpClient());
        var list = Support.Api.Ok(await api.Get("/api/v1/namespaces"));
        var names = list["items"]!.AsArray().Select(i => i.Text("metadata", "name")).ToList();
        Assert.Contains("default", names);
        Assert.Contains("kube-system", names);
        Assert.All(list["items"]!.AsArray(), i => Assert.Equal("Active", i.Text("status", "phase")));
    }
}
