using Actors.Emulator.Handlers;
using Actors.Emulator.Selectors;
using FsCheck;
using FsCheck.Fluent;

namespace Actors.Emulator.Tests.Units;

public sealed class SelectorTests
{
    static readonly Dictionary<string, string> Broker = new() { ["app"] = "kafka", ["role"] = "broker" };

    [Theory]
    [InlineData("app=kafka", true)]
    [InlineData("app==kafka", true)]
    [InlineData("app!=kafka", false)]
    [InlineData("role in (broker, controller)", true)]
    [InlineData("role notin (broker)", false)]
    [InlineData("app", true)]
    [InlineData("!app", false)]
    [InlineData("!zone", true)]
    [InlineData("app=kafka,role=controller", false)]
    [InlineData("", true)]
    public void Label_selector_requirements_all_must_hold(string selector, bool matches) =>
        Assert.Equal(matches, LabelSelector.Parse(selector).Matches(Broker));

    [Fact]
    public void A_malformed_label_selector_is_a_bad_request() =>
        Assert.Equal(400, Assert.Throws<ApiError>(() => LabelSelector.Parse("role in broker)")).Code);

    [SeededProperty]
    public Property An_equality_selector_matches_exactly_the_labels_with_that_value()
    {
        return Prop.ForAll(Gen.Elements("a", "b", "c").ToArbitrary(), Gen.Elements("a", "b", "c").ToArbitrary(), (wanted, actual) =>
        {
            var labels = new Dictionary<string, string> { ["k"] = actual };
            return LabelSelector.Parse($"k={wanted}").Matches(labels) == (wanted == actual)
                && LabelSelector.Parse($"k!={wanted}").Matches(labels) == (wanted != actual);
        });
    }
}
