using Actors.Contracts.Kafka;
using Actors.Grains.Cluster;
using FsCheck;
using FsCheck.Fluent;

namespace Actors.Grains.Tests.Cluster;

/// <summary>
/// Names and quantities built from Kubernetes' grammars are accepted wherever the spec takes them;
/// the same values broken in one place (a stray character, a trailing newline, one character too
/// many) are refused, naming the field.
/// </summary>
public class SpecSyntaxProperties
{
    private const int Runs = 500;

    private static Gen<string> From(string alphabet, int min, int max) =>
        Gen.Choose(min, max).SelectMany(n => Gen.ArrayOf(Gen.Elements(alphabet.ToCharArray()), n)).Select(c => new string(c));

    private const string Alnum = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    private const string Lower = "abcdefghijklmnopqrstuvwxyz0123456789";

    /// <summary>[A-Za-z0-9] at both ends, -_. inside, at most 63 characters.</summary>
    private static readonly Gen<string> Name =
        from first in From(Alnum, 1, 1)
        from middle in From(Alnum + "-_.", 0, 40)
        from last in From(Alnum, 0, 1)
        select middle.Length > 0 && last.Length == 0 ? first + middle + "z" : first + middle + last;

    private static readonly Gen<string> DnsLabel =
        from first in From(Lower, 1, 1)
        from middle in From(Lower + "-", 0, 12)
        from last in From(Lower, 1, 1)
        select first + middle + last;

    private static readonly Gen<string> QualifiedName =
        from prefix in Gen.Frequency((1, Gen.Constant("")),
            (2, Gen.Choose(1, 4).SelectMany(n => Gen.ArrayOf(DnsLabel, n)).Select(labels => string.Join('.', labels) + "/")))
        from name in Name
        select prefix + name;

    /// <summary>One break of the grammar, somewhere in a valid name.</summary>
    private static Gen<string> Broken(Gen<string> valid) =>
        from value in valid
        from breakage in Gen.Elements("newline", "space", "symbol", "leading", "trailing", "long", "empty-name")
        from position in Gen.Choose(0, value.Length)
        from symbol in Gen.Elements(' ', '!', '@', '#', '$', '%', '*', '+', '=', ',', ';', '"', '\\', '\t', 'é', '\u0000', ':')
        select breakage switch
        {
            "newline" => value + "\n",
            "space" => value.Insert(position, " "),
            "symbol" => value.Insert(position, symbol.ToString()),
            "leading" => "-" + value,
            "trailing" => value + ".",
            "long" => value + new string('x', LabelSyntax.MaxNameLength),
            _ => value[..(value.LastIndexOf('/') + 1)] is { Length: > 0 } prefix ? prefix : "/" + value,
        };

    private static KafkaClusterSpec WithBrokers(Func<NodePoolSpec, NodePoolSpec> change)
    {
        var spec = Specs.Valid();
        return spec with { Brokers = change(spec.Brokers!) };
    }

    [SeededProperty(MaxTest = Runs)]
    public Property Qualified_names_are_accepted_as_node_selector_taint_and_topology_keys() =>
        Prop.ForAll(Arb.From(QualifiedName), key =>
        {
            Assert.Empty(SpecValidator.Validate("demo", WithBrokers(p => p with
            {
                NodeSelector = new() { [key] = "kafka" },
                Tolerations = [new TolerationSpec { Key = key, Operator = "Exists" }],
                Rack = new RackSpec { TopologyKey = key },
            })));
        });

    [SeededProperty(MaxTest = Runs)]
    public Property Broken_names_are_refused_as_node_selector_keys_naming_the_field() =>
        Prop.ForAll(Arb.From(Broken(QualifiedName)), key =>
        {
            var error = Assert.Single(SpecValidator.Validate("demo", WithBrokers(p => p with { NodeSelector = new() { [key] = "kafka" } })));
            Assert.Equal("spec.brokers.nodeSelector", error.Field);
        });

    [SeededProperty(MaxTest = Runs)]
    public Property Broken_names_are_refused_as_topology_and_taint_keys_naming_the_field() =>
        Prop.ForAll(Arb.From(Broken(QualifiedName)), key =>
        {
            var errors = SpecValidator.Validate("demo", WithBrokers(p => p with
            {
                Tolerations = [new TolerationSpec { Key = key, Operator = "Exists" }],
                Rack = new RackSpec { TopologyKey = key },
            }));
            Assert.Equal(["spec.brokers.tolerations[0].key", "spec.brokers.rack.topologyKey"], errors.Select(e => e.Field));
        });

    [SeededProperty(MaxTest = Runs)]
    public Property Label_values_are_accepted_and_broken_ones_refused() =>
        Prop.ForAll(Arb.From(Gen.Zip(Name, Broken(Name))), pair =>
        {
            var (good, bad) = pair;
            Assert.Empty(SpecValidator.Validate("demo", WithBrokers(p => p with { NodeSelector = new() { ["pool"] = good } })));
            var error = Assert.Single(SpecValidator.Validate("demo", WithBrokers(p => p with { NodeSelector = new() { ["pool"] = bad } })));
            Assert.Equal("spec.brokers.nodeSelector[\"pool\"]", error.Field);
        });

    private static readonly Gen<string> Quantity =
        from lead in From("123456789", 1, 1)
        from rest in From("0123456789", 0, 3)
        from fraction in Gen.Elements("", ".", ".5", ".25")
        from sign in Gen.Elements("", "+")
        from suffix in Gen.Elements("", "m", "k", "M", "G", "T", "Ki", "Mi", "Gi", "Ti", "e3", "E6", "e+2", "E-1")
        select sign + lead + rest + fraction + suffix;

    [SeededProperty(MaxTest = Runs)]
    public Property Quantities_are_accepted_and_refused_with_anything_around_them() =>
        Prop.ForAll(Arb.From(
            from size in Quantity
            from junk in Gen.Elements("\n", " ", "\t", "\r\n", "x", "\u00a0")
            from before in Gen.Elements(true, false)
            select (size, junk, before)), sample =>
        {
            var (size, junk, before) = sample;
            Assert.Empty(SpecValidator.Validate("demo", WithBrokers(p => p with { Storage = new StorageSpec { Size = size, StorageClassName = "fast" } })));

            var broken = before ? junk + size : size + junk;
            var errors = SpecValidator.Validate("demo", WithBrokers(p => p with { Storage = new StorageSpec { Size = broken, StorageClassName = "fast" } }));
            Assert.Equal("spec.brokers.storage.size", Assert.Single(errors).Field);
        });
}
