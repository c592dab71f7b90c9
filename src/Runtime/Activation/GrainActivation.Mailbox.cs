using System.Collections.Concurrent;

namespace Actors.Runtime;

/// <summary>
/// The mailbox: a lock-free FIFO queue drained by at most one pump at a time (a flag set by
/// compare-and-swap decides who starts it). The pump awaits each turn before the next, so turns
/// never overlap; adjacent read-only turns run together; interleaving turns bypass the queue.
/// </summary>
internal sealed partial class GrainActivation : IThreadPoolWorkItem
{
    private readonly ConcurrentQueue<ITurn> _mailbox = new();
    private readonly object _gate = new(); // guards timers and interleaved turns, never the call path
    private readonly HashSet<ITurn> _interleaved = [];
    private TaskCompletionSource? _interleavedDrained;
    private int _pumping;
    private volatile ActivationStatus _status;
    private volatile ITurn? _running;
    private volatile ITurn[]? _runningBatch;
    private volatile bool _deactivationRequested;

    public int MailboxDepth => _mailbox.Count;
    public ActivationStatus Status => _status;

    /// <summary>Queues a turn; false when this activation is dead and the caller must find the next one.</summary>
    public bool TryEnqueue(ITurn turn)
    {
        if (_status == ActivationStatus.Dead) return false;
        if (turn.Interleaves && _status == ActivationStatus.Active)
        {
            StartInterleaved(turn);
            return true;
        }
        _mailbox.Enqueue(turn);
        if (Interlocked.CompareExchange(ref _pumping, 1, 0) == 0)
            ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
        return true;
    }

    private ExecutionContext? _pumpContext;

    private ExecutionContext PumpContext
    {
        get
        {
            if (_pumpContext is not null) return _pumpContext;
            var outer = ExecutionContext.Capture();
            try
            {
                CallChain.Current = RootChain;
                // Never disposed: the scope lives in the captured context, not on a stack.
                _ = Runtime.Logger.BeginScope(new GrainLogScope(GrainId));
                return _pumpContext = ExecutionContext.Capture()!;
            }
            finally
            {
                if (outer is not null) ExecutionContext.Restore(outer);
            }
        }
    }

    void IThreadPoolWorkItem.Execute()
    {
        // Start every pump in a context that already holds the root call chain and a logging
        // scope naming the grain, so serving outside calls never allocates a fresh
        // ExecutionContext and every log line of the grain carries its identity.
        ExecutionContext.Restore(PumpContext);
        _ = PumpAsync();
    }

    private async Task PumpAsync()
    {
        do
        {
            if (_status == ActivationStatus.Creating) await ActivateAsync();
            while (_mailbox.TryDequeue(out var turn))
            {
                if (_status == ActivationStatus.Dead) { turn.Forward(Runtime); continue; }
                if (turn.Interleaves) { StartInterleaved(turn); continue; }
                if (turn.IsReadOnly && _mailbox.TryPeek(out var next) && next.IsReadOnly)
                {
                    await RunReadOnlyBatchAsync(turn);
                }
                else
                {
                    _running = turn;
                    // Set in the pump's own context: consecutive outside calls share the root
                    // chain, so this costs no allocation after the first.
                    CallChain.Current = turn.ChainIn(this);
                    await turn.RunAsync(this);
                    _running = null;
                }
                if (_deactivationRequested && _status == ActivationStatus.Active)
                    await DeactivateAsync(new DeactivationReason(DeactivationReasonCode.ApplicationRequested, "The grain called DeactivateOnIdle."));
            }
            Volatile.Write(ref _pumping, 0);
            // A turn enqueued between the last dequeue and releasing the flag found the flag still
            // set and did not start a pump: take the flag back and serve it.
        } while (!_mailbox.IsEmpty && Interlocked.CompareExchange(ref _pumping, 1, 0) == 0);
    }

    private async Task RunReadOnlyBatchAsync(ITurn first)
    {
        // Only the pump dequeues, so a peeked head is still the head when taken.
        var batch = new List<ITurn> { first };
        while (_mailbox.TryPeek(out var next) && next.IsReadOnly && !next.Interleaves && _mailbox.TryDequeue(out next)) batch.Add(next);
        var turns = batch.ToArray();
        _runningBatch = turns;
        var running = new Task[turns.Length];
        for (var i = 0; i < turns.Length; i++)
        {
            CallChain.Current = turns[i].ChainIn(this); // each turn captures its own chain at its first await
            running[i] = turns[i].RunAsync(this);
        }
        await Task.WhenAll(running);
        _runningBatch = null;
    }

    private void StartInterleaved(ITurn turn)
    {
        lock (_gate) _interleaved.Add(turn);
        // On the thread pool, so grain code never runs on the caller's (or a timer's) stack.
        ThreadPool.UnsafeQueueUserWorkItem(static s =>
        {
            ExecutionContext.Restore(s.activation.PumpContext);
            _ = s.activation.RunInterleavedAsync(s.turn);
        }, (activation: this, turn), preferLocal: true);
    }

    private async Task RunInterleavedAsync(ITurn turn)
    {
        try
        {
            CallChain.Current = turn.ChainIn(this);
            await turn.RunAsync(this);
        }
        finally
        {
            lock (_gate)
            {
                _interleaved.Remove(turn);
                if (_interleaved.Count == 0) _interleavedDrained?.TrySetResult();
            }
        }
    }

    private Task InterleavedTurnsDrained()
    {
        lock (_gate)
        {
            if (_interleaved.Count == 0) return Task.CompletedTask;
            _interleavedDrained ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            return _interleavedDrained.Task;
        }
    }

    /// <summary>Asked from inside a turn: deactivate once that turn ends.</summary>
    public void RequestDeactivation()
    {
        _deactivationRequested = true;
        // Backstop for a request from an interleaved turn while the pump is idle.
        TryEnqueue(new DeactivateTurn(new DeactivationReason(DeactivationReasonCode.ApplicationRequested, "The grain called DeactivateOnIdle."), onlyIfIdle: false));
    }

    /// <summary>Adds the calls whose callers have waited longer than <paramref name="threshold"/>.</summary>
    public void CollectOverdueCalls(long now, TimeSpan threshold, List<ITurn> overdue)
    {
        var clock = Runtime.Clock;
        void Check(ITurn? turn)
        {
            if (turn is not null && turn.IsOverdue(clock, now, threshold)) overdue.Add(turn);
        }
        Check(_running);
        if (_runningBatch is { } batch) foreach (var turn in batch) Check(turn);
        // Enumerating a ConcurrentQueue freezes its segments (the next enqueue allocates), so look
        // past the head only when the head itself is overdue or is not a call (a tick, say).
        if (_mailbox.TryPeek(out var head) && (head.IsOverdue(clock, now, threshold) || head is not ICallTurn))
            foreach (var turn in _mailbox) Check(turn);
        lock (_gate) foreach (var turn in _interleaved) Check(turn);
    }
}
