namespace Actors.Runtime;

/// <summary>The stored record changed since this activation read it (its ETag is stale).</summary>
public sealed class InconsistentStateException(string message, string? storedEtag, string? currentEtag) : Exception(message)
{
    /// <summary>The ETag in storage.</summary>
    public string? StoredEtag { get; } = storedEtag;

    /// <summary>The ETag the activation held.</summary>
    public string? CurrentEtag { get; } = currentEtag;
}
