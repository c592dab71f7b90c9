namespace Actors.Runtime;

public enum ActorRuntimeState
{
    Created,
    Running,
    Stopping,
    Stopped,
}
