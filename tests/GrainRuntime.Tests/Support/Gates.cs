using System.Collections.Concurrent;

namespace Actors.GrainRuntime.Tests.Support;

/// <summary>Named latches a test grain's turn waits on, so the test decides when that turn may end.</summary>
public sealed class Gates
{
    private readonly ConcurrentDictionary<string, TaskCompletionSource> gates = new();

    public Task Wait(string name) => Gate(name).Task;

    public void Open(string name) => Gate(name).TrySetResult();

    private TaskCompletionSource Gate(string name) =>
        gates.GetOrAdd(name, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
}
