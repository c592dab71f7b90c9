using k8s.KubeConfigModels;

namespace Actors.Kubernetes;

/// <summary>
/// kubectl's merge of several kubeconfig files: the first file to name a cluster, user or
/// context (or to set current-context) wins. Relative paths are made absolute against their own
/// file first, since the merged model keeps one file name only. (The library merges only for
/// KUBECONFIG with no way to choose a context, and keeps that merge internal.)
/// </summary>
internal static class KubeconfigMerge
{
    public static K8SConfiguration Merge(IReadOnlyList<K8SConfiguration> files)
    {
        foreach (var file in files) Absolutize(file);
        var merged = files[0];
        foreach (var next in files.Skip(1))
        {
            if (string.IsNullOrEmpty(merged.CurrentContext)) merged.CurrentContext = next.CurrentContext;
            merged.Clusters = FirstWins(merged.Clusters, next.Clusters, c => c.Name);
            merged.Users = FirstWins(merged.Users, next.Users, u => u.Name);
            merged.Contexts = FirstWins(merged.Contexts, next.Contexts, c => c.Name);
        }
        return merged;
    }

    private static List<T> FirstWins<T>(IEnumerable<T>? first, IEnumerable<T>? second, Func<T, string> name)
    {
        var result = new List<T>(first ?? []);
        var names = result.Select(name).ToHashSet(StringComparer.Ordinal);
        result.AddRange((second ?? []).Where(item => names.Add(name(item))));
        return result;
    }

    private static void Absolutize(K8SConfiguration file)
    {
        var directory = Path.GetDirectoryName(file.FileName) ?? Environment.CurrentDirectory;
        string? Full(string? path) => string.IsNullOrEmpty(path) || Path.IsPathRooted(path) ? path
            : path.StartsWith("~/", StringComparison.Ordinal) ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), path[2..])
            : Path.GetFullPath(Path.Combine(directory, path));
        foreach (var cluster in file.Clusters ?? [])
            if (cluster.ClusterEndpoint is { } endpoint) endpoint.CertificateAuthority = Full(endpoint.CertificateAuthority);
        foreach (var user in file.Users ?? [])
        {
            if (user.UserCredentials is not { } credentials) continue;
            credentials.ClientCertificate = Full(credentials.ClientCertificate);
            credentials.ClientKey = Full(credentials.ClientKey);
            // A command with a path separator is relative to the kubeconfig, like kubectl; a bare name comes from PATH.
            if (credentials.ExternalExecution is { Command: { } command } exec && command.Contains('/')) exec.Command = Full(command);
        }
    }
}
