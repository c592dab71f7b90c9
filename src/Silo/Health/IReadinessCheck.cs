namespace Actors.Silo.Health;

/// <summary>
/// One part of /readyz. Leader election plugs in here to say whether this replica leads
/// (and which one does), the watchers to say their caches have synced.
/// </summary>
public interface IReadinessCheck
{
    /// <summary>Short name shown in /readyz, e.g. "leader-election".</summary>
    string Name { get; }

    ValueTask<ReadinessResult> CheckAsync(CancellationToken cancellationToken);
}

/// <param name="Ready">Whether this part lets the replica take traffic.</param>
/// <param name="Detail">What a person reading /readyz should know, e.g. "leading as actors-0".</param>
public sealed record ReadinessResult(bool Ready, string Detail);
