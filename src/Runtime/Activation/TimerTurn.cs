namespace Actors.Runtime;

/// <summary>One tick of a grain timer; a timer has at most one tick queued or running.</summary>
internal sealed class TimerTurn(GrainTimer timer) : ITurn
{
    public bool Interleaves => timer.Interleave;
    public Task RunAsync(GrainActivation activation) => timer.TickAsync();
}
