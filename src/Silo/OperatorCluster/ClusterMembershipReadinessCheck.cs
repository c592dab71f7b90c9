using Actors.Silo.Health;
using Actors.Silo.Hosting;

namespace Actors.Silo.OperatorCluster;

/// <summary>
/// The operator-cluster part of /readyz: ready only while this replica's silo is Active in the
/// cluster's membership, so a rolling update of the operator waits until a new replica has joined
/// (and can take grains) before the next old one is stopped.
/// </summary>
public sealed class ClusterMembershipReadinessCheck(OperatorSilos silos, OperatorClustering clustering) : IReadinessCheck
{
    public string Name => "operator-cluster";

    public ValueTask<ReadinessResult> CheckAsync(CancellationToken cancellationToken)
    {
        var status = silos.SiloStatus;
        var detail = $"{clustering.Shared?.SiloName} is {status?.ToString() ?? "not started"} in operator cluster {clustering.Shared?.ClusterId}";
        return ValueTask.FromResult(new ReadinessResult(status == Orleans.Runtime.SiloStatus.Active, detail));
    }
}
