namespace Actors.Grains.Cluster;

/// <summary>One reason a spec cannot be acted upon: the field path and what is wrong with it.</summary>
public sealed record SpecError(string Field, string Message)
{
    public override string ToString() => $"{Field}: {Message}";

    /// <summary>All errors in one condition message.</summary>
    public static string Describe(IEnumerable<SpecError> errors) => string.Join("; ", errors);
}
