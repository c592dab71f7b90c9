namespace Actors.Runtime;

/// <summary>A timer registered by a grain; disposing it stops further ticks.</summary>
public interface IGrainTimer : IDisposable
{
    /// <summary>Re-arms the timer: next tick after <paramref name="dueTime"/>, then every <paramref name="period"/> after each tick ends.</summary>
    void Change(TimeSpan dueTime, TimeSpan period);
}
