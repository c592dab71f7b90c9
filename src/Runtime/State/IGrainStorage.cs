namespace Actors.Runtime;

/// <summary>
/// A storage provider, registered in DI under a name (a keyed service). Implementations check
/// <see cref="IGrainState{T}.ETag"/> on write and clear, throw <see cref="InconsistentStateException"/>
/// when it is stale, and set the new ETag on success.
/// </summary>
public interface IGrainStorage
{
    Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState);
    Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState);
    Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState);
}
