using System.Diagnostics;

namespace Actors.Runtime;

/// <summary>A grain call waiting in, or running on, an activation; its promise is what the caller awaits.</summary>
internal sealed class CallTurn<T> : Turn
{
    private readonly GrainMethod<T> _method;
    private readonly object?[]? _args;
    private readonly CallChain? _caller;
    private readonly long _enqueuedAt;
    private readonly ActivityContext _parentSpan;
    private readonly TaskCompletionSource<T> _promise;

    public CallTurn(GrainId target, GrainMethod<T> method, object?[]? args, CallChain? caller, long enqueuedAt, ActivityContext parentSpan)
    {
        Target = target;
        _method = method;
        _args = args;
        _caller = caller;
        _enqueuedAt = enqueuedAt;
        _parentSpan = parentSpan;
        // A grain caller resumes on the thread pool, so one activation's pump never runs another's
        // turn inline; an outside caller may resume inline, which saves a thread hop per call.
        _promise = new TaskCompletionSource<T>(caller is null ? TaskCreationOptions.None : TaskCreationOptions.RunContinuationsAsynchronously);
    }

    public GrainId Target { get; }
    public Task<T> Task => _promise.Task;
    public override bool Interleaves => _method.AlwaysInterleave;
    public override bool IsReadOnly => _method.ReadOnly;
    public override CallChain? Caller => _caller;
    public override bool IsFinished => _promise.Task.IsCompleted;

    public override async Task RunAsync(GrainActivation activation)
    {
        if (_promise.Task.IsCompleted) return; // timed out while waiting in the mailbox
        CallChain.Current = new CallChain(Target, _caller);
        var telemetry = activation.Runtime.Telemetry;
        var call = telemetry.CallStarted(activation, _method, _parentSpan);
        try
        {
            var result = await _method.Invoke(activation.GrainInstance, _args);
            telemetry.CallEnded(activation, _method, call, exception: null);
            activation.MarkActive();
            _promise.TrySetResult(result);
        }
        catch (Exception exception)
        {
            telemetry.CallEnded(activation, _method, call, exception);
            activation.MarkActive();
            _promise.TrySetException(exception);
        }
    }

    public override void Forward(ActorRuntime runtime) => runtime.Dispatch(this, Target);

    public override void Fail(Exception exception) => _promise.TrySetException(exception);

    public override bool IsOverdue(TimeProvider clock, long now, TimeSpan timeout) =>
        !_promise.Task.IsCompleted && clock.GetElapsedTime(_enqueuedAt, now) >= timeout;

    public override void TimeOut(TimeSpan timeout) =>
        _promise.TrySetException(new TimeoutException(
            $"Response did not arrive on time in {timeout} for the call to {Target} {_method.DisplayName}; the grain is busy or blocked (see ResponseTimeout)."));
}
