namespace Actors.Runtime;

/// <summary>
/// A grain's persistent state, injected through a <see cref="PersistentStateAttribute"/> constructor
/// parameter and read before OnActivateAsync. Changes are stored only by <see cref="WriteStateAsync"/>;
/// a write over a record someone else changed fails with <see cref="InconsistentStateException"/>.
/// </summary>
public interface IPersistentState<T>
{
    T State { get; set; }
    string? Etag { get; }
    bool RecordExists { get; }
    Task ReadStateAsync();
    Task WriteStateAsync();
    Task ClearStateAsync();
}
