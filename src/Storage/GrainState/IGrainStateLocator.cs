using Orleans.Runtime;

namespace Actors.Storage.GrainState;

/// <summary>
/// Maps a grain to the ConfigMap holding its state. The storage knows nothing of Kafka: the
/// grains project says where each of its grains keeps state (for the operator, beside the
/// KafkaCluster the grain serves, owned by it).
/// </summary>
public interface IGrainStateLocator
{
    ValueTask<GrainStateLocation> LocateAsync(GrainId grainId, CancellationToken cancellationToken);
}
