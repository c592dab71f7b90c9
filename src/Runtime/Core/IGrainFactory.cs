namespace Actors.Runtime;

/// <summary>Hands out grain references. A reference is cheap, needs no activation and can be kept.</summary>
public interface IGrainFactory
{
    TGrainInterface GetGrain<TGrainInterface>(string key) where TGrainInterface : IGrainWithStringKey;

    /// <summary>Rebinds a stored identity (e.g. from <see cref="GrainId.Parse"/>) to a reference.</summary>
    TGrainInterface GetGrain<TGrainInterface>(GrainId grainId) where TGrainInterface : IGrain;
}
