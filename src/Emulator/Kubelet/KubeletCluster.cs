using Actors.Kubernetes;
using k8s;
using k8s.Exceptions;

namespace Actors.Emulator.Kubelet;

/// <summary>
/// Which cluster the standalone kubelet command drives: --kubeconfig, else KUBECONFIG (the files
/// that exist, merged like kubectl), else ~/.kube/config, else the pod's service account. Unlike
/// the operator, this developer tool may fall back to the home directory: it is pointed at a
/// cluster by hand, as kubectl is.
/// </summary>
public static class KubeletCluster
{
    /// <summary>The configuration and where it came from, or null when nothing names a cluster.</summary>
    /// <exception cref="KubeConfigException">A named kubeconfig cannot be used; the message names the file and the entry.</exception>
    public static (KubernetesClientConfiguration Configuration, string Source)? Find(string? kubeconfig, string? context, InClusterEnvironment? environment = null)
    {
        var env = environment ?? InClusterEnvironment.Default;
        if (!string.IsNullOrEmpty(kubeconfig)) return Kubeconfig.Load([kubeconfig], context);
        if (env.Variable("KUBECONFIG") is { Length: > 0 } variable && !string.IsNullOrWhiteSpace(variable))
        {
            var named = variable.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var existing = named.Where(File.Exists).ToList();
            if (existing.Count == 0)
                throw new KubeConfigException($"KUBECONFIG names {string.Join(", ", named.Select(p => $"'{p}'"))}, but none of these files exists.");
            return Kubeconfig.Load(existing, context);
        }
        var home = env.Variable("HOME") ?? Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        if (!string.IsNullOrEmpty(home) && Path.Combine(home, ".kube", "config") is var path && File.Exists(path))
            return Kubeconfig.Load([path], context);
        return InCluster.IsInCluster(env) ? InCluster.Load(env) : null;
    }
}
