namespace Actors.Silo.Api;

/// <summary>Settings of the HTTP and gRPC APIs (configuration section "Api").</summary>
public sealed class ClusterApiOptions
{
    public const string Section = "Api";

    /// <summary>Bearer tokens allowed to read (list, get, events, watch).</summary>
    public List<string> ReadTokens { get; set; } = [];

    /// <summary>Bearer tokens allowed to read and to change clusters (scale, restart, pause, resume).</summary>
    public List<string> AdminTokens { get; set; } = [];

    /// <summary>When true, reads need no token; changes always need an admin token.</summary>
    public bool AnonymousReads { get; set; }

    /// <summary>Largest request body (HTTP) or request message (gRPC) accepted, in bytes.</summary>
    public int MaxRequestBytes { get; set; } = 64 * 1024;

    /// <summary>How often an idle watch stream sends a heartbeat so proxies keep it open.</summary>
    public TimeSpan WatchHeartbeat { get; set; } = TimeSpan.FromSeconds(15);
}
