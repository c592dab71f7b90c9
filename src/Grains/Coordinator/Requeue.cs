namespace Actors.Grains.Coordinator;

/// <summary>
/// When the coordinator wants its cluster looked at again without an event, from its decision alone.
/// At rest: never (an event or the resync will). A wait with a deadline of its own (minReadySeconds):
/// exactly then, since no event marks its end. Anything else in flight: after the requeue interval, a
/// safety net under the watch events that normally come first.
/// </summary>
public static class Requeue
{
    public static TimeSpan? After(RolloutDecision decision, TimeSpan requeueInterval) => decision switch
    {
        { Step: Done or Paused or ShutDownComplete, Operation: null } => null,
        { Step: Wait { RecheckAfter: { } recheck } } => recheck,
        _ => requeueInterval,
    };
}
