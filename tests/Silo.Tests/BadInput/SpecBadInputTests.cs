using FsCheck;
using FsCheck.Fluent;

namespace Actors.Silo.Tests.BadInput;

/// <summary>
/// Issue 16 §3: generated KafkaCluster specs through the real path (emulator → watch → forwarder →
/// grains): each is refused by the API naming the field, or gets a status from the operator that
/// says whether and why it cannot be acted upon, with nothing created for it if so, while a valid
/// sibling keeps reconciling. Runs <c>ACTORS_FUZZ_RUNS</c> cases instead of the default when set.
/// </summary>
public sealed class SpecBadInputTests(SpecCampaignTarget target, Xunit.Abstractions.ITestOutputHelper output) : IClassFixture<SpecCampaignTarget>
{
    private readonly SpecCampaign campaign = new(target, output.WriteLine);

    [CampaignProperty(Runs = 60)]
    public Property A_generated_spec_is_refused_naming_the_field_or_given_a_status_and_the_sibling_keeps_reconciling() =>
        Prop.ForAll(Arb.From(GeneratedSpecs.Any), spec => Task.Run(() => campaign.CheckAsync(spec)).GetAwaiter().GetResult());
}

/// <summary>
/// The same campaign under a looser CRD that stores integers this operator cannot hold: each such
/// cluster is reported Ready=False Unreadable naming the field, nothing is created for it, and the
/// sibling keeps reconciling.
/// </summary>
public sealed class UnreadableSpecBadInputTests(LooserCrdTarget target, Xunit.Abstractions.ITestOutputHelper output) : IClassFixture<LooserCrdTarget>
{
    private readonly SpecCampaign campaign = new(target, output.WriteLine);

    [CampaignProperty(Runs = 20)]
    public Property A_stored_spec_the_operator_cannot_read_is_reported_unreadable_naming_the_field() =>
        Prop.ForAll(Arb.From(GeneratedSpecs.Overflowing), spec => Task.Run(() => campaign.CheckAsync(spec)).GetAwaiter().GetResult());
}
