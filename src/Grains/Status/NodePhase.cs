using Actors.Grains.Coordinator;

namespace Actors.Grains.Status;

/// <summary>The phase a node reports upward, in the words of <c>status.nodes[].phase</c>.</summary>
public static class NodePhase
{
    public const string Absent = "Absent";
    public const string Pending = "Pending";
    public const string Starting = "Starting";
    public const string Ready = "Ready";
    public const string Failed = "Failed";
    public const string Terminating = "Terminating";

    public static string Of(ObservedPod? pod) => pod switch
    {
        null => Absent,
        { Terminating: true } => Terminating,
        { Phase: PodPhase.Failed or PodPhase.Succeeded } => Failed,
        { Phase: PodPhase.Running, Ready: true } => Ready,
        { Phase: PodPhase.Running } => Starting,
        _ => Pending,
    };
}
