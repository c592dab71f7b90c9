namespace Actors.Runtime.Bench;

/// <summary>How many actors are called, by how many concurrent callers.</summary>
public sealed record Scenario(string Name, int Actors, int Callers)
{
    public static readonly Scenario[] All = [new("1 grain", 1, 16), new("10,000 grains", 10_000, 256), new("1 caller", 1, 1)];

    // BenchmarkDotNet shows a parameter by its ToString.
    public override string ToString() => Name;
}
