using System.Collections.Concurrent;

namespace Actors.Runtime.Tests;

/// <summary>Named latches that test grains wait on, so a test decides when a turn may finish.</summary>
public sealed class Gates
{
    private readonly ConcurrentDictionary<string, TaskCompletionSource> _gates = new();

    private TaskCompletionSource Gate(string name) =>
        _gates.GetOrAdd(name, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));

    public Task Wait(string name) => Gate(name).Task;
    public void Open(string name) => Gate(name).TrySetResult();
}
