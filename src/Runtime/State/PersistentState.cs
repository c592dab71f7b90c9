namespace Actors.Runtime;

/// <summary>Read before OnActivateAsync by the activation.</summary>
internal interface IStateLoader
{
    Task ReadStateAsync();
}

/// <summary>The state object a grain holds; it delegates storage to its named provider.</summary>
internal sealed class PersistentState<T>(string stateName, GrainId grainId, IGrainStorage storage)
    : IPersistentState<T>, IGrainState<T>, IStateLoader
{
    public T State { get; set; } = CreateDefault();
    public string? ETag { get; set; }
    public string? Etag => ETag;
    public bool RecordExists { get; set; }

    public Task ReadStateAsync() => storage.ReadStateAsync(stateName, grainId, this);
    public Task WriteStateAsync() => storage.WriteStateAsync(stateName, grainId, this);

    public async Task ClearStateAsync()
    {
        await storage.ClearStateAsync(stateName, grainId, this);
        State = CreateDefault();
    }

    internal static T CreateDefault() =>
        typeof(T).IsValueType || typeof(T).GetConstructor(Type.EmptyTypes) is not null ? Activator.CreateInstance<T>() : default!;
}
