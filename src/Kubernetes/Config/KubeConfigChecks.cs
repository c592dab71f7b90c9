using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using k8s;
using k8s.Exceptions;

namespace Actors.Kubernetes;

/// <summary>What the checks found that the library's loader does not read itself.</summary>
internal sealed record CheckedKubeconfig(string Context, string Sources, string? User, string? TokenFile, Uri? ProxyUrl, string? InstallHint);

/// <summary>
/// Checks kubeconfig files the way kubectl reads them — files merge with the first definition of
/// a name (and the first current-context) winning, the chosen context names a cluster and a user,
/// relative paths resolve against the file that holds them — and refuses anything unusable with
/// a message naming the file, the line and the entry. The official client's loader then builds
/// the configuration (see <see cref="Kubeconfig"/>); its own messages name neither file nor entry.
/// </summary>
internal static class KubeConfigChecks
{
    public static CheckedKubeconfig Check(IReadOnlyList<KubeConfigDocument> files, string? requestedContext)
    {
        var sources = string.Join(", ", files.Select(f => f.File));
        var contextName = requestedContext;
        if (string.IsNullOrEmpty(contextName))
        {
            contextName = files.Select(f => f.CurrentContext).FirstOrDefault(c => !string.IsNullOrEmpty(c));
            if (string.IsNullOrEmpty(contextName))
                throw new KubeConfigException($"kubeconfig {sources}: no current-context is set and no context was asked for; choose one of: {Names(files.SelectMany(f => f.Contexts))}.");
        }

        var context = First(files, f => f.Contexts, contextName)
            ?? throw new KubeConfigException($"kubeconfig {sources}: context '{contextName}' is not defined; defined contexts: {Names(files.SelectMany(f => f.Contexts))}.");
        var clusterName = context.String("cluster");
        if (string.IsNullOrEmpty(clusterName))
            throw new KubeConfigException($"kubeconfig {context.Where}: context '{contextName}' names no cluster.");
        var cluster = First(files, f => f.Clusters, clusterName)
            ?? throw new KubeConfigException($"kubeconfig {context.Where}: context '{contextName}' refers to cluster '{clusterName}', which is not defined.");
        var userName = context.String("user");
        KubeConfigEntry? user = null;
        if (!string.IsNullOrEmpty(userName))
        {
            user = First(files, f => f.Users, userName)
                ?? throw new KubeConfigException($"kubeconfig {context.Where}: context '{contextName}' refers to user '{userName}', which is not defined.");
        }

        var serverText = cluster.String("server");
        if (string.IsNullOrEmpty(serverText))
            throw new KubeConfigException($"kubeconfig {cluster.Where}: cluster '{clusterName}' has no server.");
        if (!Uri.TryCreate(serverText, UriKind.Absolute, out var server) || (server.Scheme != "https" && server.Scheme != "http"))
            throw new KubeConfigException($"kubeconfig {cluster.Where}: server '{serverText}' of cluster '{clusterName}' is not an http(s) URL.");

        var skipTlsVerify = cluster.Bool("insecure-skip-tls-verify");
        var authorities = Authorities(cluster);
        if (skipTlsVerify && authorities is not null)
            throw new KubeConfigException($"kubeconfig {cluster.Where}: cluster '{clusterName}' sets both a certificate authority and insecure-skip-tls-verify; keep one.");

        Uri? proxy = null;
        if (cluster.String("proxy-url") is { Length: > 0 } proxyText
            && (!Uri.TryCreate(proxyText, UriKind.Absolute, out proxy) || proxy.Scheme is not ("http" or "https" or "socks5")))
            throw new KubeConfigException($"kubeconfig {cluster.Where}: proxy-url '{proxyText}' of cluster '{clusterName}' is not an http, https or socks5 URL.");

        string? tokenFile = null;
        if (user is not null)
        {
            tokenFile = TokenFile(user);
            ClientCertificate(user)?.Dispose();
        }
        string? installHint = null;
        if (user?.Body.Children.TryGetValue(new YamlDotNet.RepresentationModel.YamlScalarNode("exec"), out var exec) == true && exec is YamlDotNet.RepresentationModel.YamlMappingNode execMap)
            installHint = KubeConfigDocument.Scalar(execMap, "installHint", user.File);
        return new CheckedKubeconfig(contextName, $"kubeconfig {sources}, context '{contextName}'", user?.Name, tokenFile, proxy, installHint);
    }

    private static KubeConfigEntry? First(IReadOnlyList<KubeConfigDocument> files, Func<KubeConfigDocument, List<KubeConfigEntry>> select, string name) =>
        files.SelectMany(select).FirstOrDefault(e => e.Name == name);

    private static string Names(IEnumerable<KubeConfigEntry> entries)
    {
        var names = entries.Select(e => $"'{e.Name}'").Distinct().ToList();
        return names.Count == 0 ? "(none)" : string.Join(", ", names);
    }

    private static X509Certificate2Collection? Authorities(KubeConfigEntry cluster)
    {
        var pem = PemFrom(cluster, "certificate-authority-data", "certificate-authority");
        if (pem is null) return null;
        X509Certificate2Collection collection = [];
        try
        {
            collection.ImportFromPem(pem);
        }
        catch (CryptographicException e)
        {
            throw new KubeConfigException($"kubeconfig {cluster.Where}: the certificate authority of cluster '{cluster.Name}' is not a PEM certificate: {e.Message}", e);
        }
        if (collection.Count == 0)
            throw new KubeConfigException($"kubeconfig {cluster.Where}: the certificate authority of cluster '{cluster.Name}' holds no PEM certificate.");
        return collection;
    }

    /// <summary>The user's tokenFile (which the library's loader ignores), after checking every credential it has.</summary>
    private static string? TokenFile(KubeConfigEntry user)
    {
        if (user.Has("auth-provider"))
            throw new KubeConfigException($"kubeconfig {user.Where}: user '{user.Name}' uses an auth-provider plugin, which this client does not run; use an exec plugin, a token, a tokenFile or a client certificate.");
        if (user.Has("exec")) KubeConfigExec.Check(user);
        if (!string.IsNullOrEmpty(user.String("token"))) return null;
        var tokenFile = user.String("tokenFile");
        if (string.IsNullOrEmpty(tokenFile)) return null;
        var path = Resolve(user, tokenFile);
        if (!File.Exists(path))
            throw new KubeConfigException($"kubeconfig {user.Where}: tokenFile '{path}' of user '{user.Name}' does not exist.");
        return path;
    }

    private static X509Certificate2? ClientCertificate(KubeConfigEntry user)
    {
        var certificate = PemFrom(user, "client-certificate-data", "client-certificate");
        var key = PemFrom(user, "client-key-data", "client-key");
        if (certificate is null && key is null) return null;
        if (certificate is null || key is null)
            throw new KubeConfigException($"kubeconfig {user.Where}: user '{user.Name}' has a client {(certificate is null ? "key" : "certificate")} but no client {(certificate is null ? "certificate" : "key")}; both are needed.");
        try
        {
            using var ephemeral = X509Certificate2.CreateFromPem(certificate, key);
            // Re-import so the private key is usable by the TLS stack on every platform.
            return X509CertificateLoader.LoadPkcs12(ephemeral.Export(X509ContentType.Pkcs12), null);
        }
        catch (CryptographicException e)
        {
            throw new KubeConfigException($"kubeconfig {user.Where}: the client certificate or key of user '{user.Name}' cannot be loaded: {e.Message}", e);
        }
    }

    /// <summary>The PEM text of an inline base64 field or of a file field; inline wins like kubectl.</summary>
    private static string? PemFrom(KubeConfigEntry entry, string dataKey, string fileKey)
    {
        var data = entry.String(dataKey);
        if (!string.IsNullOrEmpty(data))
        {
            try
            {
                return System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(data.Trim()));
            }
            catch (FormatException e)
            {
                throw new KubeConfigException($"kubeconfig {entry.Where}: '{dataKey}' of '{entry.Name}' is not valid base64.", e);
            }
        }
        var file = entry.String(fileKey);
        if (string.IsNullOrEmpty(file)) return null;
        var path = Resolve(entry, file);
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new KubeConfigException($"kubeconfig {entry.Where}: cannot read '{fileKey}' '{path}' of '{entry.Name}': {e.Message}", e);
        }
    }

    internal static string Resolve(KubeConfigEntry entry, string path)
    {
        if (path.StartsWith("~/", StringComparison.Ordinal))
            path = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), path[2..]);
        return Path.IsPathRooted(path) ? path : Path.GetFullPath(Path.Combine(entry.Directory ?? Environment.CurrentDirectory, path));
    }
}
