namespace Actors.Silo.Health;

/// <summary>
/// One part of /readyz. The operator cluster plugs in here to say whether this replica's silo is
/// Active in it, the watchers to say their caches have synced.
/// </summary>
public interface IReadinessCheck
{
    /// <summary>Short name shown in /readyz, e.g. "operator-cluster".</summary>
    string Name { get; }

    ValueTask<ReadinessResult> CheckAsync(CancellationToken cancellationToken);
}

/// <param name="Ready">Whether this part lets the replica take traffic.</param>
/// <param name="Detail">What a person reading /readyz should know, e.g. "actors-0 is Active in operator cluster actors-operator".</param>
public sealed record ReadinessResult(bool Ready, string Detail);
