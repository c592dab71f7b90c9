using System.Diagnostics;

namespace Actors.Runtime;

/// <summary>
/// A grain call waiting in, or running on, an activation. It is its own promise: the caller
/// awaits <see cref="TaskCompletionSource{TResult}.Task"/>, which saves an allocation per call.
/// </summary>
internal sealed class CallTurn<T> : TaskCompletionSource<T>, ICallTurn
{
    private readonly GrainMethod<T> _method;
    private readonly object?[]? _args;
    private readonly CallChain? _caller;
    private readonly long _enqueuedAt;
    private readonly Activity? _parentSpan;

    public CallTurn(GrainId target, GrainMethod<T> method, object?[]? args, CallChain? caller, long enqueuedAt, Activity? parentSpan, bool resumeInline)
        // A grain caller resumes on the thread pool, so one activation's pump never runs another's
        // turn inline; an outside caller may resume inline, which saves a thread hop per call.
        : base(caller is null && resumeInline ? TaskCreationOptions.None : TaskCreationOptions.RunContinuationsAsynchronously)
    {
        Target = target;
        _method = method;
        _args = args;
        _caller = caller;
        _enqueuedAt = enqueuedAt;
        _parentSpan = parentSpan;
    }

    public GrainId Target { get; }
    public bool Interleaves => _method.AlwaysInterleave;
    public bool IsReadOnly => _method.ReadOnly;
    public CallChain? Caller => _caller;
    public bool IsFinished => Task.IsCompleted;

    // Outside callers share the activation's root chain, so setting it allocates nothing.
    public CallChain ChainIn(GrainActivation activation) => _caller is null ? activation.RootChain : new CallChain(Target, _caller);

    public async Task RunAsync(GrainActivation activation)
    {
        if (Task.IsCompleted) return; // timed out while waiting in the mailbox
        var telemetry = activation.Runtime.Telemetry;
        var call = telemetry.CallStarted(activation, _method, _parentSpan);
        try
        {
            var result = await _method.Invoke(activation.GrainInstance, _args);
            telemetry.CallEnded(activation, _method, call, exception: null);
            activation.MarkActive();
            TrySetResult(result);
        }
        catch (Exception exception)
        {
            telemetry.CallEnded(activation, _method, call, exception);
            activation.MarkActive();
            TrySetException(exception);
        }
    }

    public void Forward(ActorRuntime runtime) => runtime.Dispatch(this, Target);

    public void Fail(Exception exception) => TrySetException(exception);

    public bool IsOverdue(TimeProvider clock, long now, TimeSpan timeout) =>
        !Task.IsCompleted && clock.GetElapsedTime(_enqueuedAt, now) >= timeout;

    public void TimeOut(TimeSpan timeout) =>
        TrySetException(new TimeoutException(
            $"Response did not arrive on time in {timeout} for the call to {Target} {_method.DisplayName}; the grain is busy or blocked (see ResponseTimeout)."));
}
