namespace Actors.Emulator.Kubelet;

/// <summary>
/// What the simulated kubelet saw of one pod after a step: its containers running and Ready, or
/// not (still starting, stopping, crashed, on a lost node, or gone). The software a pod stands
/// for (a Kafka node in embedded mode) follows these: it serves while Ready and not otherwise.
/// </summary>
public sealed record PodRun(string Namespace, string Name, bool Ready);
