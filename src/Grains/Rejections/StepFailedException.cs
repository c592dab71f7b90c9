using Actors.Kubernetes;

namespace Actors.Grains.Rejections;

/// <summary>
/// A node step's write failed: carries the object it wrote, which the API's answer alone does not
/// name (a create's path ends at the collection), so the cluster grain can classify and report it.
/// </summary>
public sealed class StepFailedException(StepTarget target, KubernetesApiException answer)
    : Exception($"{target}: {answer.Message}", answer)
{
    public StepTarget Target { get; } = target;
    public KubernetesApiException Answer { get; } = answer;
}
