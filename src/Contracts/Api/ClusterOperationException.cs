namespace Actors.Contracts.Api;

/// <summary>
/// A failure the caller can act on. The APIs map each kind to its status code
/// (HTTP 404/400/409, gRPC NOT_FOUND/INVALID_ARGUMENT/FAILED_PRECONDITION) and show
/// <see cref="Exception.Message"/> to the user, so it must say what is wrong and where.
/// </summary>
public abstract class ClusterOperationException(string message) : Exception(message);

/// <summary>No KafkaCluster of that namespace and name exists.</summary>
public sealed class ClusterNotFoundException(string ns, string name)
    : ClusterOperationException($"KafkaCluster {ns}/{name} not found.")
{
    public string Namespace { get; } = ns;
    public string Name { get; } = name;
}

/// <summary>The request is well-formed but not acceptable; <see cref="Field"/> names the offending field.</summary>
public sealed class InvalidClusterRequestException(string field, string message)
    : ClusterOperationException(message)
{
    public string Field { get; } = field;
}

/// <summary>The cluster's current state does not allow the request (e.g. a rollout is under way).</summary>
public sealed class ClusterConflictException(string message) : ClusterOperationException(message);
