using System.Security.Cryptography.X509Certificates;

namespace Actors.Kubernetes;

/// <summary>
/// Everything the client needs to reach one API server: where, how to trust it, who we are, and
/// how politely to talk to it. Build one from a kubeconfig (<see cref="FromKubeConfigFile"/>),
/// from the pod's service account (<see cref="InCluster"/>), or with <see cref="Discover"/>.
/// </summary>
public sealed class KubernetesClientConfiguration
{
    public required Uri Server { get; init; }

    /// <summary>Roots that the server's chain must end in; null means the system's trust store.</summary>
    public X509Certificate2Collection? CertificateAuthorities { get; init; }

    /// <summary>Only when the kubeconfig says insecure-skip-tls-verify: true.</summary>
    public bool SkipTlsVerify { get; init; }

    /// <summary>The name the server's certificate must carry when it differs from the URL's host (tls-server-name).</summary>
    public string? TlsServerName { get; init; }

    /// <summary>The kubeconfig's proxy-url (http or socks5); without it HTTPS_PROXY/NO_PROXY apply as usual.</summary>
    public Uri? ProxyUrl { get; init; }

    public IBearerTokenSource? Token { get; init; }

    public X509Certificate2? ClientCertificate { get; init; }

    /// <summary>The context's namespace, or the pod's own namespace in a cluster; "default" otherwise.</summary>
    public string Namespace { get; init; } = "default";

    /// <summary>Where this came from ("kubeconfig /x/config, context kind-dev"), for messages.</summary>
    public string Source { get; init; } = "explicit configuration";

    /// <summary>Sustained requests per second (token bucket refill); &lt;= 0 disables limiting.</summary>
    public double Qps { get; init; } = 50;

    /// <summary>Requests allowed at once before the limiter makes callers wait.</summary>
    public int Burst { get; init; } = 100;

    /// <summary>Deadline of an ordinary request; watches have none but <see cref="WatchIdleTimeout"/>.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>A watch stream silent for this long (no event, no bookmark) is taken as dead and reopened.</summary>
    public TimeSpan WatchIdleTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>How many times a 429 (or a 5xx with Retry-After) is retried after the delay the server asks for.</summary>
    public int MaxRetryAfterAttempts { get; init; } = 5;

    /// <summary>The longest Retry-After honoured; longer requests are capped to this.</summary>
    public TimeSpan MaxRetryAfterDelay { get; init; } = TimeSpan.FromSeconds(30);

    public string UserAgent { get; init; } = "actors-operator/1.0";

    /// <summary>Clock of rate limiting, retries, backoff and idle timeouts (a manual clock in tests).</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    public KubernetesClientConfiguration With(Action<Builder> change)
    {
        var builder = new Builder(this);
        change(builder);
        return builder.Build();
    }

    /// <summary>Loads one kubeconfig file; <paramref name="context"/> overrides its current-context.</summary>
    public static KubernetesClientConfiguration FromKubeConfigFile(string path, string? context = null, TimeProvider? timeProvider = null) =>
        KubeConfigLoader.Load([path], context, timeProvider);

    /// <summary>Loads several kubeconfig files merged like kubectl (the first to set a value wins).</summary>
    public static KubernetesClientConfiguration FromKubeConfigFiles(IReadOnlyList<string> paths, string? context = null, TimeProvider? timeProvider = null) =>
        KubeConfigLoader.Load(paths, context, timeProvider);

    /// <summary>Parses kubeconfig YAML given as text; relative paths resolve against <paramref name="directory"/>.</summary>
    public static KubernetesClientConfiguration FromKubeConfigText(string yaml, string? context = null, string? directory = null, TimeProvider? timeProvider = null) =>
        KubeConfigLoader.LoadText(yaml, "<text>", directory ?? Environment.CurrentDirectory, context, timeProvider);

    /// <summary>The pod's service account: token (re-read as it rotates), CA and namespace.</summary>
    public static KubernetesClientConfiguration InCluster(InClusterEnvironment? environment = null) =>
        InClusterLoader.Load(environment ?? InClusterEnvironment.Default);

    public static bool IsInCluster(InClusterEnvironment? environment = null) =>
        InClusterLoader.IsInCluster(environment ?? InClusterEnvironment.Default);

    /// <summary>
    /// The usual search: an explicit --kubeconfig, then KUBECONFIG (several paths merged), then
    /// ~/.kube/config, then the in-cluster service account. Null when none is there (embedded mode).
    /// </summary>
    public static KubernetesClientConfiguration? Discover(string? kubeconfigPath = null, string? context = null, InClusterEnvironment? environment = null)
    {
        var env = environment ?? InClusterEnvironment.Default;
        if (!string.IsNullOrEmpty(kubeconfigPath)) return FromKubeConfigFile(kubeconfigPath, context);
        var fromEnvironment = env.Variable("KUBECONFIG");
        if (!string.IsNullOrWhiteSpace(fromEnvironment))
        {
            var paths = fromEnvironment.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var existing = paths.Where(File.Exists).ToList();
            if (existing.Count == 0)
                throw new KubeConfigException($"KUBECONFIG names {string.Join(", ", paths.Select(p => $"'{p}'"))}, but none of these files exists.");
            return FromKubeConfigFiles(existing, context);
        }
        var home = env.Variable("HOME") ?? Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        if (!string.IsNullOrEmpty(home))
        {
            var defaultPath = Path.Combine(home, ".kube", "config");
            if (File.Exists(defaultPath)) return FromKubeConfigFile(defaultPath, context);
        }
        return InClusterLoader.IsInCluster(env) ? InClusterLoader.Load(env) : null;
    }

    /// <summary>Changes the tuning knobs of a loaded configuration (tests, the operator's flags).</summary>
    public sealed class Builder(KubernetesClientConfiguration from)
    {
        public Uri Server { get; set; } = from.Server;
        public string Namespace { get; set; } = from.Namespace;
        public IBearerTokenSource? Token { get; set; } = from.Token;
        public double Qps { get; set; } = from.Qps;
        public int Burst { get; set; } = from.Burst;
        public TimeSpan RequestTimeout { get; set; } = from.RequestTimeout;
        public TimeSpan WatchIdleTimeout { get; set; } = from.WatchIdleTimeout;
        public int MaxRetryAfterAttempts { get; set; } = from.MaxRetryAfterAttempts;
        public TimeSpan MaxRetryAfterDelay { get; set; } = from.MaxRetryAfterDelay;
        public string UserAgent { get; set; } = from.UserAgent;
        public TimeProvider TimeProvider { get; set; } = from.TimeProvider;

        internal KubernetesClientConfiguration Build() => new()
        {
            Server = Server,
            CertificateAuthorities = from.CertificateAuthorities,
            SkipTlsVerify = from.SkipTlsVerify,
            TlsServerName = from.TlsServerName,
            ProxyUrl = from.ProxyUrl,
            Token = Token,
            ClientCertificate = from.ClientCertificate,
            Namespace = Namespace,
            Source = from.Source,
            Qps = Qps,
            Burst = Burst,
            RequestTimeout = RequestTimeout,
            WatchIdleTimeout = WatchIdleTimeout,
            MaxRetryAfterAttempts = MaxRetryAfterAttempts,
            MaxRetryAfterDelay = MaxRetryAfterDelay,
            UserAgent = UserAgent,
            TimeProvider = TimeProvider,
        };
    }
}
