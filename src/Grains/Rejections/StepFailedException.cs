using Actors.Kubernetes;
using k8s.Autorest;

namespace Actors.Grains.Rejections;

/// <summary>
/// A node step's write failed: carries the object it wrote, which the API's answer alone does not
/// name (a create's path ends at the collection), and the answer as plain data, so the cluster grain
/// can classify and report it. It crosses grain calls, hence its own codec and no inner exception.
/// </summary>
[GenerateSerializer, Alias("actors.StepFailedException")]
public sealed class StepFailedException : Exception
{
    public StepFailedException(StepTarget target, HttpOperationException answer) : this(target, RefusedAnswer.Of(answer))
    {
    }

    public StepFailedException(StepTarget target, RefusedWrite answer) : base($"{target}: {answer.ServerMessage}")
    {
        Target = target;
        Answer = answer;
    }

    [Id(0)]
    public StepTarget Target { get; }

    [Id(1)]
    public RefusedWrite Answer { get; }
}
