using Actors.Kubernetes;
using Actors.Silo.Hosting;

namespace Actors.Silo.Tests.Hosting;

public sealed class ClusterSelectionTests : IDisposable
{
    private readonly string scratch = Directory.CreateTempSubdirectory("silo-selection-").FullName;

    public void Dispose() => Directory.Delete(scratch, recursive: true);

    private InClusterEnvironment Pod(bool withServiceAccount, Dictionary<string, string>? variables = null)
    {
        var account = Path.Combine(scratch, "serviceaccount");
        Directory.CreateDirectory(account);
        if (withServiceAccount) File.WriteAllText(Path.Combine(account, "token"), "t");
        var all = new Dictionary<string, string>(variables ?? []);
        if (withServiceAccount)
        {
            all["KUBERNETES_SERVICE_HOST"] = "10.96.0.1";
            all["KUBERNETES_SERVICE_PORT"] = "443";
        }

        return InClusterEnvironment.FromDirectory(account, name => all.GetValueOrDefault(name));
    }

    [Fact]
    public void With_nothing_configured_the_silo_runs_embedded_even_when_home_has_a_kube_config()
    {
        var home = Path.Combine(scratch, "home");
        Directory.CreateDirectory(Path.Combine(home, ".kube"));
        File.WriteAllText(Path.Combine(home, ".kube", "config"), "apiVersion: v1");

        var choice = ClusterSelection.Choose(new SiloOptions(), Pod(false, new() { ["HOME"] = home }));

        Assert.Equal(ClusterMode.Embedded, choice.Mode);
    }

    [Fact]
    public void In_a_pod_the_service_account_is_used()
    {
        Assert.Equal(ClusterMode.InCluster, ClusterSelection.Choose(new SiloOptions(), Pod(true)).Mode);
    }

    [Fact]
    public void Explicit_choices_win_in_order_embedded_flag_kubeconfig_flag_KUBECONFIG_then_the_pod()
    {
        var pod = Pod(true, new() { ["KUBECONFIG"] = "/a/config:/b/config" });

        Assert.Equal(ClusterMode.Embedded, ClusterSelection.Choose(new SiloOptions { Embedded = true }, pod).Mode);
        var flag = ClusterSelection.Choose(new SiloOptions { Kubeconfig = "/x/config" }, pod);
        Assert.Equal((ClusterMode.Kubeconfig, "/x/config"), (flag.Mode, flag.KubeconfigPaths.Single()));
        var variable = ClusterSelection.Choose(new SiloOptions(), pod);
        Assert.Equal(ClusterMode.Kubeconfig, variable.Mode);
        Assert.Equal(["/a/config", "/b/config"], variable.KubeconfigPaths);
    }
}
