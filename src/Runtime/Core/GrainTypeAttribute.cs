namespace Actors.Runtime;

/// <summary>Names the grain type in identities; by default the grain class name is used.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class GrainTypeAttribute(string grainType) : Attribute
{
    public string GrainType { get; } = grainType;
}
