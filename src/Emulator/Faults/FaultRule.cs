namespace Actors.Emulator.Faults;

/// <summary>
/// Which requests a fault applies to. Null fields match anything; <see cref="Resource"/> is the
/// plural (e.g. "pods", "kafkaclusters"), <see cref="Verb"/> a Kubernetes verb
/// (get, list, watch, create, update, patch, delete, deletecollection). <see cref="Subresource"/>
/// tells the object from its subresources, as RBAC does (<c>kafkaclusters</c> vs <c>kafkaclusters/status</c>):
/// null matches either, <see cref="ObjectItself"/> only the object, "status" only its status.
/// </summary>
public sealed record RequestMatch(string? Verb = null, string? Resource = null, string? Namespace = null, string? Name = null, string? Subresource = null)
{
    /// <summary>For <see cref="Subresource"/>: requests on the object itself, not on any of its subresources.</summary>
    public const string ObjectItself = "";

    public bool Matches(string verb, string? resource, string? ns, string? name, string? subresource = null) =>
        (Verb is null || string.Equals(Verb, verb, StringComparison.OrdinalIgnoreCase)) &&
        (Resource is null || Resource == resource) &&
        (Namespace is null || Namespace == ns) &&
        (Name is null || Name == name) &&
        (Subresource is null || Subresource == (subresource ?? ObjectItself));
}

/// <summary>A queued failure: the next <see cref="Remaining"/> matching requests answer <see cref="StatusCode"/>.</summary>
public sealed class FaultRule(RequestMatch match, int count, int statusCode, string? message)
{
    public RequestMatch Match { get; } = match;
    public int StatusCode { get; } = statusCode;
    public string Message { get; } = message ?? $"injected fault ({statusCode})";
    public int Remaining { get; internal set; } = count;
}

/// <summary>Extra latency added to every matching request until removed.</summary>
public sealed class LatencyRule(RequestMatch match, TimeSpan delay)
{
    int delayed;

    public RequestMatch Match { get; } = match;
    public TimeSpan Delay { get; } = delay;

    /// <summary>How many requests this rule has held so far (counted as each starts waiting), so a test knows one is held now.</summary>
    public int Delayed => Volatile.Read(ref delayed);

    internal void Hold() => Interlocked.Increment(ref delayed);
}
