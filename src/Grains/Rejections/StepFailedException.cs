using Actors.Kubernetes;
using k8s.Autorest;

namespace Actors.Grains.Rejections;

/// <summary>
/// A node step's write failed: carries the object it wrote, which the API's answer alone does not
/// name (a create's path ends at the collection), so the cluster grain can classify and report it.
/// </summary>
public sealed class StepFailedException(StepTarget target, HttpOperationException answer)
    : Exception($"{target}: {answer.ApiMessage()}", answer)
{
    public StepTarget Target { get; } = target;
    public HttpOperationException Answer { get; } = answer;
}
