using System.Net;
using k8s;
using k8s.Authentication;
using k8s.Exceptions;
using k8s.KubeConfigModels;

namespace Actors.Kubernetes;

/// <summary>
/// A client configuration from kubeconfig files, built by the official client's loader with
/// what it lacks added: several files merged like kubectl (first definition wins) with a chosen
/// context, <c>tokenFile</c> re-read as it rotates, <c>proxy-url</c>, and errors that name the
/// file, the line and the entry. Every failure is a <see cref="KubeConfigException"/>.
/// </summary>
public static class Kubeconfig
{
    /// <summary>The configuration and where it came from ("kubeconfig /x/config, context dev").</summary>
    public static (KubernetesClientConfiguration Configuration, string Source) Load(IReadOnlyList<string> paths, string? context = null)
    {
        if (paths.Count == 0) throw new KubeConfigException("No kubeconfig file was given.");
        var documents = paths.Select(KubeConfigDocument.Read).ToList();
        var found = KubeConfigChecks.Check(documents, context);

        K8SConfiguration merged;
        try
        {
            merged = KubeconfigMerge.Merge(documents.Select(d => KubernetesClientConfiguration.LoadKubeConfig(new FileInfo(d.File), useRelativePaths: true)).ToList());
        }
        catch (Exception e) when (e is not KubeConfigException)
        {
            throw new KubeConfigException($"kubeconfig {string.Join(", ", paths)}: {e.Message}", e);
        }
        if (found.TokenFile is { } tokenFile)
        {
            // The library's model has no tokenFile: hand it the current token, then re-read the file on rotation.
            var user = merged.Users.First(u => u.Name == merged.Contexts.First(c => c.Name == found.Context).ContextDetails.User);
            user.UserCredentials.Token = File.ReadAllText(tokenFile).Trim();
        }

        KubernetesClientConfiguration configuration;
        try
        {
            configuration = KubernetesClientConfiguration.BuildConfigFromConfigObject(merged, found.Context);
        }
        catch (Exception e)
        {
            // The library runs an exec plugin here; its failure is the user's to fix.
            var who = found.User is null ? "" : $", user '{found.User}'";
            var hint = found.InstallHint is { Length: > 0 } text ? $" {text}" : "";
            throw new KubeConfigException($"{found.Sources}{who}: {e.Message}{hint}", e);
        }
        if (found.TokenFile is { } path)
        {
            configuration.AccessToken = null;
            configuration.TokenProvider = new TokenFileAuth(path);
        }
        if (found.ProxyUrl is { } proxy)
        {
            configuration.FirstMessageHandlerSetup = handler =>
            {
                handler.Proxy = new WebProxy(proxy);
                handler.UseProxy = true;
            };
        }
        if (string.IsNullOrEmpty(configuration.Namespace)) configuration.Namespace = "default";
        return (configuration, found.Sources);
    }
}
