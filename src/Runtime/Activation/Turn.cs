namespace Actors.Runtime;

/// <summary>
/// A unit of work in an activation's mailbox: a call, a timer tick, or a deactivation.
/// <see cref="RunAsync"/> never throws; a call reports its outcome through its own promise.
/// </summary>
internal abstract class Turn
{
    /// <summary>May run while other turns run (<see cref="AlwaysInterleaveAttribute"/>, interleaving timers).</summary>
    public virtual bool Interleaves => false;

    /// <summary>May run concurrently with adjacent read-only turns (<see cref="ReadOnlyAttribute"/>).</summary>
    public virtual bool IsReadOnly => false;

    /// <summary>The chain of the call that brought this turn, for the activation's own turn.</summary>
    public virtual CallChain? Caller => null;

    public abstract Task RunAsync(GrainActivation activation);

    /// <summary>
    /// The turn's outcome is delivered; only bookkeeping remains. An outside caller may resume
    /// inline at that point, and must already see the activation as idle.
    /// </summary>
    public virtual bool IsFinished => false;

    /// <summary>The activation died before this turn ran: calls go to the next activation, other turns are dropped.</summary>
    public virtual void Forward(ActorRuntime runtime) { }

    public virtual void Fail(Exception exception) { }

    /// <summary>True when this is a call still awaited by its caller past the response timeout.</summary>
    public virtual bool IsOverdue(TimeProvider clock, long now, TimeSpan timeout) => false;

    public virtual void TimeOut(TimeSpan timeout) { }
}
