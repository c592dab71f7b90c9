namespace Actors.Kafka.Safety;

/// <summary>
/// What every gate answers: open or not, and a message naming what holds it, fit for a
/// <c>RollBlocked</c> / <c>ScaleDownBlocked</c> condition and its Event.
/// </summary>
public interface IGateVerdict
{
    bool IsOpen { get; }
    string Message { get; }
}
