namespace Actors.Contracts.Kafka.Schema;

/// <summary>
/// Constrains every value of a string map (for example each quantity of <c>requests</c>) in the
/// CRD schema; DataAnnotations' own attributes speak of the property as a whole.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class EachValueAttribute : Attribute
{
    public string? Pattern { get; init; }

    /// <summary>0 means unbounded.</summary>
    public int MaxLength { get; init; }
}
