namespace Actors.Runtime.Bench;

/// <summary>
/// Concurrent callers that each await one call at a time, walking the actors round-robin from
/// their own offset. Each caller resumes where its previous run stopped, so over many runs
/// every actor is called, not only the first few after each offset.
/// </summary>
public sealed class Callers(int actors, int callers)
{
    private readonly int[] _next = Enumerable.Range(0, callers).Select(caller => caller % actors).ToArray();

    public Task Run(Func<int, Task<int>> call, int callsEach) =>
        Task.WhenAll(Enumerable.Range(0, callers).Select(caller => Task.Run(() => Walk(caller, call, callsEach))));

    private async Task Walk(int caller, Func<int, Task<int>> call, int calls)
    {
        var actor = _next[caller];
        for (var i = 0; i < calls; i++)
        {
            await call(actor);
            if (++actor == actors) actor = 0;
        }
        _next[caller] = actor;
    }
}
