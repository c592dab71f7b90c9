namespace Actors.Emulator;

/// <summary>How to start a <see cref="KubernetesEmulator"/>. Every field has a sensible default.</summary>
public sealed class EmulatorOptions
{
    /// <summary>TCP port on 127.0.0.1; 0 picks a free one.</summary>
    public int Port { get; set; }
    /// <summary>Where to write the kubeconfig; null writes it to a fresh temporary directory.</summary>
    public string? KubeconfigPath { get; set; }
    /// <summary>Context, cluster and user name inside the kubeconfig.</summary>
    public string ContextName { get; set; } = "actors-emulator";
    /// <summary>Bearer token with full access; null generates a random one.</summary>
    public string? AdminToken { get; set; }
    /// <summary>Bearer token that may only read (get, list, watch); null generates a random one.</summary>
    public string? ReadOnlyToken { get; set; }
    /// <summary>How many events the history keeps for watch resumption; older resourceVersions get 410 Gone.</summary>
    public int EventHistorySize { get; set; } = 10_000;
    /// <summary>Base server-side watch timeout when the client sends no timeoutSeconds; randomised into [1x, 2x) like kube-apiserver.</summary>
    public TimeSpan WatchTimeout { get; set; } = TimeSpan.FromMinutes(5);
    /// <summary>How often a watch that allows bookmarks receives one.</summary>
    public TimeSpan BookmarkInterval { get; set; } = TimeSpan.FromSeconds(5);
    /// <summary>The clock for timestamps, grace periods, bookmarks and watch timeouts.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;
    /// <summary>Extra namespaces to create at start, besides "default" and "kube-system".</summary>
    public IList<string> Namespaces { get; set; } = [];
    /// <summary>The version /version reports, e.g. "v1.20.2" to see how a client treats an old server.</summary>
    public string KubernetesVersion { get; set; } = Discovery.DiscoveryDocuments.KubernetesVersion;
}
