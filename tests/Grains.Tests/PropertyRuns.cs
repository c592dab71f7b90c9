using FsCheck;
using Microsoft.FSharp.Core;

namespace Actors.Grains.Tests;

/// <summary>
/// Property-test settings: a fixed seed so every run checks the same cases and a failure
/// reproduces; set <c>ACTORS_PROPERTY_SEED</c> to explore other cases.
/// </summary>
internal static class PropertyRuns
{
    public const ulong DefaultSeed = 20261122;

    public static Config Quick(int maxTest)
    {
        var seed = ulong.TryParse(Environment.GetEnvironmentVariable("ACTORS_PROPERTY_SEED"), out var chosen) ? chosen : DefaultSeed;
        return Config.QuickThrowOnFailure
            .WithMaxTest(maxTest)
            .WithReplay(FSharpOption<Replay>.Some(new Replay(new Rnd(seed), FSharpOption<int>.None)));
    }
}
