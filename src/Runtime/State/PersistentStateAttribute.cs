namespace Actors.Runtime;

/// <summary>Marks an <see cref="IPersistentState{T}"/> constructor parameter: the state's name and the storage that holds it.</summary>
[AttributeUsage(AttributeTargets.Parameter)]
public sealed class PersistentStateAttribute(string stateName, string? storageName = null) : Attribute
{
    public const string DefaultStorageName = "Default";

    public string StateName { get; } = stateName;
    public string? StorageName { get; } = storageName;
}
