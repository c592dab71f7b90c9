using FsCheck.Xunit;

namespace Actors.Testing;

/// <summary>
/// A <see cref="SeededPropertyAttribute"/>-seeded FsCheck property for a bad-input campaign: the
/// fixed seed by default (<c>ACTORS_PROPERTY_SEED</c> changes it) and <see cref="Runs"/> cases,
/// or as many as <c>ACTORS_FUZZ_RUNS</c> says, to run a campaign longer than CI does.
/// A failing case is reported as generated, without shrinking (each case is a network request).
/// </summary>
public sealed class CampaignPropertyAttribute : PropertyAttribute
{
    public const string RunsVariable = "ACTORS_FUZZ_RUNS";

    public CampaignPropertyAttribute()
    {
        var rnd = new FsCheck.Rnd(SeededPropertyAttribute.Seed);
        Replay = $"{rnd.Seed},{rnd.Gamma}";
        Runs = 100;
    }

    /// <summary>Cases per run unless <c>ACTORS_FUZZ_RUNS</c> is set.</summary>
    public int Runs
    {
        get => MaxTest;
        set => MaxTest = int.TryParse(Environment.GetEnvironmentVariable(RunsVariable), out var chosen) && chosen > 0 ? chosen : value;
    }
}
