namespace Actors.Runtime;

/// <summary>One tick of a grain timer; a timer has at most one tick queued or running.</summary>
internal sealed class TimerTurn(GrainTimer timer) : Turn
{
    public override bool Interleaves => timer.Interleave;
    public override Task RunAsync(GrainActivation activation) => timer.TickAsync();
}
