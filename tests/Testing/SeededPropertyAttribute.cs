using FsCheck;
using FsCheck.Xunit;

namespace Actors.Testing;

/// <summary>
/// An FsCheck <c>[Property]</c> that starts from a fixed seed, so every run checks the same cases
/// and a failure reproduces; set <c>ACTORS_PROPERTY_SEED</c> to explore other cases. FsCheck
/// shrinks a failing case and reports it with the seed to replay.
/// </summary>
public sealed class SeededPropertyAttribute : PropertyAttribute
{
    public const ulong DefaultSeed = 20261122;
    public const string SeedVariable = "ACTORS_PROPERTY_SEED";

    public SeededPropertyAttribute()
    {
        var rnd = new Rnd(Seed);
        Replay = $"{rnd.Seed},{rnd.Gamma}";
    }

    public static ulong Seed =>
        ulong.TryParse(Environment.GetEnvironmentVariable(SeedVariable), out var chosen) ? chosen : DefaultSeed;
}
