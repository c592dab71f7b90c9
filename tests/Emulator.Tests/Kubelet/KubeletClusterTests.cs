using Actors.Emulator.Kubelet;
using Actors.Kubernetes;
using k8s.Exceptions;

namespace Actors.Emulator.Tests.Kubelet;

/// <summary>Which cluster the standalone kubelet command drives when it is not told exactly.</summary>
public sealed class KubeletClusterTests : IDisposable
{
    readonly WorkDirectory work = new("kubelet-cluster-");

    public void Dispose() => work.Dispose();

    string Kubeconfig(string file, string server)
    {
        var path = Path.Combine(work.Path, file);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, $"""
            apiVersion: v1
            kind: Config
            clusters:
            - name: c
              cluster: {"{"}server: {server}, insecure-skip-tls-verify: true{"}"}
            users:
            - name: u
              user: {"{"}token: t{"}"}
            contexts:
            - name: ctx
              context: {"{"}cluster: c, user: u{"}"}
            current-context: ctx
            """);
        return path;
    }

    InClusterEnvironment Environment(Dictionary<string, string> variables) =>
        InClusterEnvironment.FromDirectory(Path.Combine(work.Path, "no-service-account"), name => variables.GetValueOrDefault(name));

    [Fact]
    public void The_kubeconfig_flag_wins_over_KUBECONFIG()
    {
        var flag = Kubeconfig("flag", "https://flag.example:6443");
        var variable = Kubeconfig("variable", "https://variable.example:6443");

        var found = KubeletCluster.Find(flag, null, Environment(new() { ["KUBECONFIG"] = variable, ["HOME"] = work.Path }));

        Assert.StartsWith("https://flag.example:6443", found!.Value.Configuration.Host);
    }

    [Fact]
    public void KUBECONFIG_uses_the_files_that_exist_and_wins_over_the_home_directory()
    {
        var variable = Kubeconfig("variable", "https://variable.example:6443");
        Kubeconfig(".kube/config", "https://home.example:6443");
        var missing = Path.Combine(work.Path, "missing");

        var found = KubeletCluster.Find(null, null, Environment(new() { ["KUBECONFIG"] = $"{missing}{Path.PathSeparator}{variable}", ["HOME"] = work.Path }));

        Assert.StartsWith("https://variable.example:6443", found!.Value.Configuration.Host);
    }

    [Fact]
    public void KUBECONFIG_naming_only_missing_files_is_an_error_that_names_them()
    {
        var missing = Path.Combine(work.Path, "missing");

        var error = Assert.Throws<KubeConfigException>(() => KubeletCluster.Find(null, null, Environment(new() { ["KUBECONFIG"] = missing })));

        Assert.Contains(missing, error.Message);
    }

    [Fact]
    public void Without_flag_or_KUBECONFIG_the_home_directory_kubeconfig_is_used()
    {
        Kubeconfig(".kube/config", "https://home.example:6443");

        var found = KubeletCluster.Find(null, null, Environment(new() { ["HOME"] = work.Path }));

        Assert.StartsWith("https://home.example:6443", found!.Value.Configuration.Host);
    }

    [Fact]
    public void Nothing_names_a_cluster_outside_a_pod()
    {
        Assert.Null(KubeletCluster.Find(null, null, Environment(new() { ["HOME"] = work.Path })));
    }
}
