namespace Actors.Runtime;

/// <summary>
/// A unit of work in an activation's mailbox: a call, a timer tick, or a deactivation.
/// <see cref="RunAsync"/> never throws; a call reports its outcome through its own promise.
/// (An interface rather than a base class so a call can itself be its TaskCompletionSource.)
/// </summary>
internal interface ITurn
{
    /// <summary>May run while other turns run (<see cref="AlwaysInterleaveAttribute"/>, interleaving timers).</summary>
    bool Interleaves => false;

    /// <summary>May run concurrently with adjacent read-only turns (<see cref="ReadOnlyAttribute"/>).</summary>
    bool IsReadOnly => false;

    /// <summary>The chain of the call that brought this turn, for the activation's own turn.</summary>
    CallChain? Caller => null;

    /// <summary>
    /// The turn's outcome is delivered; only bookkeeping remains. An outside caller may resume
    /// inline at that point, and must already see the activation as idle.
    /// </summary>
    bool IsFinished => false;

    /// <summary>The call chain grain code sees during this turn; set by whoever starts the turn.</summary>
    CallChain ChainIn(GrainActivation activation) => activation.RootChain;

    Task RunAsync(GrainActivation activation);

    /// <summary>The activation died before this turn ran: calls go to the next activation, other turns are dropped.</summary>
    void Forward(ActorRuntime runtime) { }

    void Fail(Exception exception) { }

    /// <summary>True when this is a call still awaited by its caller past the response timeout.</summary>
    bool IsOverdue(TimeProvider clock, long now, TimeSpan timeout) => false;

    void TimeOut(TimeSpan timeout) { }
}

/// <summary>A turn that answers a caller (as opposed to a tick or a deactivation).</summary>
internal interface ICallTurn : ITurn;
