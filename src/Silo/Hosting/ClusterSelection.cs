using Actors.Kubernetes;
using k8s;
using k8s.Exceptions;

namespace Actors.Silo.Hosting;

public enum ClusterMode
{
    /// <summary>An in-process API emulator; nothing outside the process is touched.</summary>
    Embedded,
    /// <summary>A cluster named by --kubeconfig or KUBECONFIG.</summary>
    Kubeconfig,
    /// <summary>The cluster the pod runs in, through its service account.</summary>
    InCluster,
}

/// <param name="Mode">Which kind of cluster.</param>
/// <param name="Reason">Why, for the start-up log: "--kubeconfig /x", "no cluster configured".</param>
/// <param name="KubeconfigPaths">The files to merge (Kubeconfig mode only).</param>
public sealed record ClusterChoice(ClusterMode Mode, string Reason, IReadOnlyList<string> KubeconfigPaths);

/// <summary>
/// Which cluster the operator runs against, in this order: --embedded; --kubeconfig PATH;
/// the KUBECONFIG variable; the pod's in-cluster service account; and otherwise embedded
/// mode. Unlike kubectl, ~/.kube/config is not read implicitly: a newcomer's
/// `dotnet run` must never start acting on whatever cluster their kubectl points at.
/// </summary>
public static class ClusterSelection
{
    public static ClusterChoice Choose(SiloOptions options, InClusterEnvironment environment)
    {
        if (options.Embedded) return new(ClusterMode.Embedded, "--embedded", []);
        if (options.Kubeconfig is { Length: > 0 } path) return new(ClusterMode.Kubeconfig, $"--kubeconfig {path}", [path]);
        if (environment.Variable("KUBECONFIG") is { } variable && !string.IsNullOrWhiteSpace(variable))
        {
            var paths = variable.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            return new(ClusterMode.Kubeconfig, $"KUBECONFIG={variable}", paths);
        }

        if (InCluster.IsInCluster(environment))
            return new(ClusterMode.InCluster, "in-cluster service account", []);
        return new(ClusterMode.Embedded, "no --kubeconfig, no KUBECONFIG and no in-cluster service account", []);
    }

    /// <summary>
    /// Loads the official client's configuration of a real cluster, and where it came from
    /// ("kubeconfig /x/config, context 'dev'"). Throws <see cref="KubeConfigException"/> with a
    /// message naming the file and the entry. The library's own default loader is never used:
    /// it would fall back to ~/.kube/config.
    /// </summary>
    public static (KubernetesClientConfiguration Configuration, string Source) Load(ClusterChoice choice, string? context, InClusterEnvironment environment)
    {
        switch (choice.Mode)
        {
            case ClusterMode.Kubeconfig:
                var existing = choice.KubeconfigPaths.Where(File.Exists).ToList();
                if (existing.Count == 0)
                {
                    var names = string.Join(", ", choice.KubeconfigPaths.Select(p => $"'{p}'"));
                    throw new KubeConfigException(choice.KubeconfigPaths.Count == 1
                        ? $"kubeconfig {names} (from {choice.Reason}) does not exist."
                        : $"None of the kubeconfig files {names} (from {choice.Reason}) exists.");
                }

                // Files named but missing are skipped when another exists, as kubectl does with KUBECONFIG.
                return Kubeconfig.Load(existing, context);
            case ClusterMode.InCluster:
                if (!string.IsNullOrEmpty(context))
                    throw new KubeConfigException("--context selects a kubeconfig context, but no kubeconfig is in use (running in-cluster); drop --context or give --kubeconfig.");
                return InCluster.Load(environment);
            default:
                throw new InvalidOperationException("Embedded mode has no configuration to load; start the emulator.");
        }
    }
}
