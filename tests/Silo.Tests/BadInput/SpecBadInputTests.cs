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
