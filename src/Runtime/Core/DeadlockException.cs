namespace Actors.Runtime;

/// <summary>
/// A call would wait on an activation that is itself waiting further up the same call chain
/// (e.g. A → B → A); it fails at once instead of hanging until the response timeout.
/// </summary>
public sealed class DeadlockException : Exception
{
    public DeadlockException(IReadOnlyList<GrainId> callChain, string method)
        : base($"Deadlock: the call chain {string.Join(" → ", callChain)} returns to an activation that is busy with an earlier call of the chain; " +
               $"{method} is not [AlwaysInterleave]. Mark the re-entering method [AlwaysInterleave] or break the cycle.")
    {
        CallChain = callChain;
    }

    public IReadOnlyList<GrainId> CallChain { get; }
}
