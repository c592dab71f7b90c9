using Actors.Contracts.Api;
using FsCheck;
using FsCheck.Fluent;

namespace Actors.Silo.Tests.Rules;

public sealed class ClusterRequestRulesTests
{
    private static readonly Gen<char> LabelChar = Gen.Elements("abcdefghijklmnopqrstuvwxyz0123456789-".ToCharArray());
    private static readonly Gen<char> AlphaNumeric = Gen.Elements("abcdefghijklmnopqrstuvwxyz0123456789".ToCharArray());

    private static readonly Gen<string> ValidLabel =
        from first in AlphaNumeric
        from middle in Gen.ArrayOf(LabelChar).Where(m => m.Length <= 61)
        from last in AlphaNumeric
        select first + new string(middle) + last;

    [Fact]
    public void Every_DNS_1123_label_is_a_valid_namespace_and_name() =>
        Prop.ForAll(Arb.From(ValidLabel), label =>
                ClusterRequestRules.CheckNamespace(label) is null && ClusterRequestRules.CheckName(label) is null)
            .QuickCheckThrowOnFailure();

    [Fact]
    public void A_namespace_with_any_character_outside_the_label_alphabet_is_refused() =>
        Prop.ForAll(
                Arb.From(from label in ValidLabel
                         from bad in Gen.Elements("A_.Z /%é:".ToCharArray())
                         from at in Gen.Choose(0, label.Length)
                         select label.Insert(at, bad.ToString())),
                ns => ClusterRequestRules.CheckNamespace(ns) is { Field: "namespace" })
            .QuickCheckThrowOnFailure();

    [Fact]
    public void Dotted_names_are_valid_subdomains_but_not_namespaces()
    {
        Assert.Null(ClusterRequestRules.CheckName("demo.eu-west-1"));
        Assert.Equal("namespace", ClusterRequestRules.CheckNamespace("demo.eu")?.Field);
        Assert.Equal("name", ClusterRequestRules.CheckName(new string('a', 254))?.Field);
        Assert.Null(ClusterRequestRules.CheckName(string.Join('.', Enumerable.Repeat(new string('a', 63), 3))));
    }

    [Fact]
    public void Broker_counts_are_accepted_exactly_within_the_bounds() =>
        Prop.ForAll<long>(n =>
                (ClusterRequestRules.CheckBrokers(n) is null) == (n >= ClusterRequestRules.MinBrokers && n <= ClusterRequestRules.MaxBrokers))
            .QuickCheckThrowOnFailure();

    [Fact]
    public void A_refused_broker_count_names_the_bounds_and_the_value()
    {
        var problem = ClusterRequestRules.CheckBrokers(-2);

        Assert.Equal(new RequestProblem("brokers", "brokers must be between 1 and 1000, got -2."), problem);
    }
}
