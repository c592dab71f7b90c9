using Microsoft.Extensions.Logging;

namespace Actors.Emulator.Kubelet;

// Who follows the pods the kubelet runs (embedded mode's Kafka model): told after every pod step.
public sealed partial class SimulatedKubelet
{
    /// <summary>
    /// Raised after every step on a pod of this kubelet's nodes, on the kubelet's worker of the pod's
    /// node, with whether the pod is now Ready. One pod's reports come one after another, in order;
    /// different pods' may come at once from different nodes' workers. Steps repeat, so a follower
    /// acts on changes only. A follower that throws is logged and does not stop the kubelet.
    /// </summary>
    public event Action<PodRun>? PodRunObserved;

    void Report(string @namespace, string name, bool ready)
    {
        try
        {
            PodRunObserved?.Invoke(new PodRun(@namespace, name, ready));
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "Simulated kubelet: a follower of pod {Namespace}/{Pod} failed", @namespace, name);
        }
    }
}
