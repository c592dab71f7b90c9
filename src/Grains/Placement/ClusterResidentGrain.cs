using Microsoft.Extensions.DependencyInjection;

namespace Actors.Grains.Placement;

/// <summary>
/// A grain of one KafkaCluster, placed on the cluster's home (<see cref="ClusterHomePlacementAttribute"/>
/// on the grain class): it tells the silo's <see cref="ClusterResidents"/> when it arrives and
/// leaves, so that <see cref="ClusterHandover"/> can move it when the home changes.
/// </summary>
public abstract class ClusterResidentGrain : Grain
{
    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        Residents.Arrived(this.GetGrainId());
        return Task.CompletedTask;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        Residents.Left(this.GetGrainId());
        return Task.CompletedTask;
    }

    private ClusterResidents Residents => ServiceProvider.GetRequiredService<ClusterResidents>();
}
