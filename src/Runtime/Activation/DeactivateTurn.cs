namespace Actors.Runtime;

/// <summary>
/// Deactivation as a turn, so it never cuts into a running call. An idle-collection turn
/// re-checks idleness when it runs: a call that slipped in before it keeps the activation alive.
/// </summary>
internal sealed class DeactivateTurn(DeactivationReason reason, bool onlyIfIdle) : ITurn
{
    public Task RunAsync(GrainActivation activation) =>
        onlyIfIdle && !activation.IsCollectible(activation.Runtime.Clock.GetTimestamp(), this)
            ? Task.CompletedTask
            : activation.DeactivateAsync(reason);
}
