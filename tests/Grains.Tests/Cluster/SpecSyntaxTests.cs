using Actors.Contracts.Kafka;
using Actors.Grains.Cluster;

namespace Actors.Grains.Tests.Cluster;

/// <summary>
/// Values a real API server would refuse in the pods, PVCs and Services rendered from the spec are
/// refused up front, naming the field, so nothing is created from a spec that cannot run.
/// </summary>
public class SpecSyntaxTests
{
    private static IReadOnlyList<SpecError> Validate(KafkaClusterSpec spec) => SpecValidator.Validate("demo", spec);

    private static KafkaClusterSpec WithBrokers(Func<NodePoolSpec, NodePoolSpec> change)
    {
        var spec = Specs.Valid();
        return spec with { Brokers = change(spec.Brokers!) };
    }

    private static SpecError AssertOnlyError(IReadOnlyList<SpecError> errors, string field, string containing)
    {
        var error = Assert.Single(errors);
        Assert.Equal(field, error.Field);
        Assert.Contains(containing, error.Message);
        return error;
    }

    private static ResourcesSpec Resources(Dictionary<string, string>? requests = null, Dictionary<string, string>? limits = null) =>
        new() { Requests = requests, Limits = limits };

    [Theory]
    [InlineData("10Gi\n")]
    [InlineData("10Gi ")]
    [InlineData(" 10Gi")]
    [InlineData("10 Gi")]
    [InlineData("10gi")]
    [InlineData("10Gi\r\n")]
    [InlineData("1e")]
    [InlineData("++1")]
    [InlineData("١٠Gi")]
    public void A_storage_size_that_is_not_exactly_a_quantity_is_refused(string size)
    {
        var error = AssertOnlyError(Validate(WithBrokers(p => p with { Storage = new StorageSpec { Size = size } })),
            "spec.brokers.storage.size", "is not a Kubernetes quantity");
        Assert.DoesNotContain('\n', error.Message);
    }

    [Theory]
    [InlineData("10Gi")]
    [InlineData("+10Gi")]
    [InlineData(".5Ti")]
    [InlineData("5.")]
    [InlineData("1e12")]
    [InlineData("1E+9")]
    [InlineData("500M")]
    [InlineData("2E")]
    public void Every_form_of_the_quantity_grammar_is_accepted(string size) =>
        Assert.Empty(Validate(WithBrokers(p => p with { Storage = new StorageSpec { Size = size } })));

    [Fact]
    public void A_resource_quantity_with_a_trailing_newline_is_refused() =>
        AssertOnlyError(Validate(WithBrokers(p => p with { Resources = Resources(limits: new() { ["memory"] = "4Gi\n" }) })),
            "spec.brokers.resources.limits.memory", "\"4Gi\\n\" is not a Kubernetes quantity");

    [Fact]
    public void A_request_above_its_limit_is_refused_naming_the_request() =>
        AssertOnlyError(Validate(WithBrokers(p => p with { Resources = Resources(new() { ["memory"] = "64Gi" }, new() { ["memory"] = "2Gi" }) })),
            "spec.brokers.resources.requests.memory", "\"64Gi\" is more than the memory limit of \"2Gi\"");

    [Fact]
    public void Requests_are_compared_with_limits_by_amount_not_by_text() =>
        AssertOnlyError(Validate(WithBrokers(p => p with { Resources = Resources(new() { ["cpu"] = "1001m" }, new() { ["cpu"] = "1" }) })),
            "spec.brokers.resources.requests.cpu", "more than the cpu limit");

    [Theory]
    [InlineData("2Gi", "2Gi")]
    [InlineData("2048Mi", "2Gi")]
    [InlineData("1Gi", "2Gi")]
    public void Requests_up_to_their_limit_are_accepted(string request, string limit) =>
        Assert.Empty(Validate(WithBrokers(p => p with { Resources = Resources(new() { ["memory"] = request, ["cpu"] = "2" }, new() { ["memory"] = limit }) })));

    [Fact]
    public void A_negative_resource_quantity_is_refused() =>
        AssertOnlyError(Validate(WithBrokers(p => p with { Resources = Resources(new() { ["cpu"] = "-1" }) })),
            "spec.brokers.resources.requests.cpu", "must not be negative");

    [Theory]
    [InlineData("gpu")]
    [InlineData("storage")]
    [InlineData("kubernetes.io/gpu")]
    [InlineData("requests.example.com/gpu")]
    [InlineData("example.com/")]
    [InlineData("memory\n")]
    public void A_resource_name_that_is_not_a_container_resource_is_refused(string name) =>
        AssertOnlyError(Validate(WithBrokers(p => p with { Resources = Resources(limits: new() { [name] = "1" }) })),
            "spec.brokers.resources.limits", "resource name");

    [Fact]
    public void An_extended_resource_requested_without_a_limit_is_refused() =>
        AssertOnlyError(Validate(WithBrokers(p => p with { Resources = Resources(new() { ["example.com/gpu"] = "1" }) })),
            "spec.brokers.resources.requests.example.com/gpu", "cannot be overcommitted");

    [Fact]
    public void An_extended_resource_requested_below_its_limit_is_refused() =>
        AssertOnlyError(Validate(WithBrokers(p => p with { Resources = Resources(new() { ["example.com/gpu"] = "1" }, new() { ["example.com/gpu"] = "2" }) })),
            "spec.brokers.resources.requests.example.com/gpu", "must equal");

    [Fact]
    public void A_fractional_extended_resource_is_refused() =>
        AssertOnlyError(Validate(WithBrokers(p => p with { Resources = Resources(limits: new() { ["example.com/gpu"] = "500m" }) })),
            "spec.brokers.resources.limits.example.com/gpu", "whole number");

    [Fact]
    public void Extended_resources_and_huge_pages_at_their_limit_are_accepted() =>
        Assert.Empty(Validate(WithBrokers(p => p with
        {
            Resources = Resources(
                new() { ["example.com/gpu"] = "1", ["hugepages-2Mi"] = "100Mi", ["memory"] = "4Gi" },
                new() { ["example.com/gpu"] = "1", ["hugepages-2Mi"] = "100Mi", ["memory"] = "4Gi" }),
        })));

    [Theory]
    [InlineData("")]
    [InlineData("-pool")]
    [InlineData("pool-")]
    [InlineData("my pool")]
    [InlineData("pool\n")]
    [InlineData("/pool")]
    [InlineData("example.com/")]
    [InlineData("Example.com/pool")]
    [InlineData("a/b/c")]
    [InlineData("example.com/pool!")]
    public void An_invalid_node_selector_key_is_refused(string key) =>
        AssertOnlyError(Validate(WithBrokers(p => p with { NodeSelector = new() { [key] = "kafka" } })),
            "spec.brokers.nodeSelector", "label key");

    [Fact]
    public void A_node_selector_key_with_a_name_over_63_characters_is_refused() =>
        AssertOnlyError(Validate(WithBrokers(p => p with { NodeSelector = new() { ["example.com/" + new string('a', 64)] = "kafka" } })),
            "spec.brokers.nodeSelector", "at most 63");

    [Fact]
    public void A_node_selector_key_with_a_prefix_over_253_characters_is_refused() =>
        AssertOnlyError(Validate(WithBrokers(p => p with { NodeSelector = new() { [string.Join('.', Enumerable.Repeat(new string('a', 63), 4)) + "/pool"] = "kafka" } })),
            "spec.brokers.nodeSelector", "at most 253");

    [Theory]
    [InlineData("pool")]
    [InlineData("node.kubernetes.io/instance-type")]
    [InlineData("kubernetes.io/hostname")]
    [InlineData("A_b.c-9")]
    public void Valid_node_selector_keys_are_accepted(string key) =>
        Assert.Empty(Validate(WithBrokers(p => p with { NodeSelector = new() { [key] = "kafka" } })));

    [Theory]
    [InlineData("-kafka")]
    [InlineData("kafka\n")]
    [InlineData("two words")]
    [InlineData("a/b")]
    public void An_invalid_node_selector_value_is_refused_naming_its_key(string value) =>
        AssertOnlyError(Validate(WithBrokers(p => p with { NodeSelector = new() { ["pool"] = value } })),
            "spec.brokers.nodeSelector[\"pool\"]", "label value");

    [Fact]
    public void A_node_selector_value_over_63_characters_is_refused() =>
        AssertOnlyError(Validate(WithBrokers(p => p with { NodeSelector = new() { ["pool"] = new string('a', 64) } })),
            "spec.brokers.nodeSelector[\"pool\"]", "at most 63");

    [Fact]
    public void An_empty_node_selector_value_is_accepted() =>
        Assert.Empty(Validate(WithBrokers(p => p with { NodeSelector = new() { ["pool"] = "" } })));

    [Theory]
    [InlineData("dedicated node")]
    [InlineData("dedicated\n")]
    [InlineData("-dedicated")]
    public void An_invalid_toleration_key_is_refused(string key) =>
        AssertOnlyError(Validate(WithBrokers(p => p with { Tolerations = [new TolerationSpec { Key = key, Operator = "Exists" }] })),
            "spec.brokers.tolerations[0].key", "not a valid taint key");

    [Fact]
    public void An_invalid_toleration_value_is_refused() =>
        AssertOnlyError(Validate(WithBrokers(p => p with { Tolerations = [new TolerationSpec { Key = "dedicated", Value = "kafka\n" }] })),
            "spec.brokers.tolerations[0].value", "not a valid taint value");

    [Fact]
    public void An_empty_toleration_key_needs_the_exists_operator() =>
        AssertOnlyError(Validate(WithBrokers(p => p with { Tolerations = [new TolerationSpec { Value = "kafka" }] })),
            "spec.brokers.tolerations[0].operator", "must be Exists when key is empty");

    [Fact]
    public void An_empty_toleration_key_with_exists_tolerates_everything_and_is_accepted() =>
        Assert.Empty(Validate(WithBrokers(p => p with { Tolerations = [new TolerationSpec { Operator = "Exists" }] })));

    [Theory]
    [InlineData("topology zone")]
    [InlineData("topology.kubernetes.io/zone\n")]
    [InlineData("topology.kubernetes.io/")]
    public void An_invalid_rack_topology_key_is_refused(string key) =>
        AssertOnlyError(Validate(WithBrokers(p => p with { Rack = new RackSpec { TopologyKey = key } })),
            "spec.brokers.rack.topologyKey", "not a node label key");

    [Theory]
    [InlineData("fast\n")]
    [InlineData("Fast")]
    [InlineData("fast_ssd")]
    public void An_invalid_storage_class_name_is_refused(string name) =>
        AssertOnlyError(Validate(WithBrokers(p => p with { Storage = new StorageSpec { Size = "1Gi", StorageClassName = name } })),
            "spec.brokers.storage.storageClassName", "DNS subdomain");

    [Fact]
    public void A_64_KB_storage_class_name_is_refused_with_a_short_message()
    {
        var error = AssertOnlyError(Validate(WithBrokers(p => p with { Storage = new StorageSpec { Size = "1Gi", StorageClassName = new string('a', 65_536) } })),
            "spec.brokers.storage.storageClassName", "at most 253");
        Assert.True(error.Message.Length < 400, error.Message);
    }

    [Fact]
    public void A_storage_class_name_of_253_characters_is_accepted() =>
        Assert.Empty(Validate(WithBrokers(p => p with
        {
            Storage = new StorageSpec { Size = "100Gi", StorageClassName = string.Join('.', Enumerable.Repeat(new string('a', 63), 4))[..253] },
        })));

    [Theory]
    [InlineData("Apache/kafka:3.9.0")]
    [InlineData("apache/kafka:3.9.0\n")]
    [InlineData("apache/kafka:")]
    [InlineData("apache//kafka")]
    [InlineData("apache/kafka@sha256:123")]
    [InlineData("")]
    public void A_malformed_image_reference_is_refused(string image) =>
        AssertOnlyError(Validate(Specs.Valid() with { Image = image }), "spec.image", "must be an image reference");

    [Fact]
    public void A_64_KB_image_is_refused_with_a_short_message()
    {
        var error = AssertOnlyError(Validate(Specs.Valid() with { Image = "apache/" + new string('k', 65_536) }), "spec.image", "at most 4096");
        Assert.True(error.Message.Length < 400, error.Message);
    }

    [Fact]
    public void An_image_whose_repository_name_is_over_255_characters_is_refused() =>
        AssertOnlyError(Validate(Specs.Valid() with { Image = "apache/" + new string('k', 250) + ":3.9.0" }), "spec.image", "at most 255");

    [Theory]
    [InlineData("kafka")]
    [InlineData("apache/kafka:3.9.0")]
    [InlineData("registry.example.com:5000/team/kafka:3.9.0-patched")]
    [InlineData("localhost/kafka")]
    [InlineData("localhost:5000/kafka_tools/kafka__x:v1")]
    [InlineData("apache/kafka@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef")]
    [InlineData("apache/kafka:3.9.0@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef")]
    public void Valid_image_references_are_accepted(string image) =>
        Assert.Empty(Validate(Specs.Valid() with { Image = image }));

    [Theory]
    [InlineData("num.partitions\n")]
    [InlineData("num partitions")]
    [InlineData("")]
    public void An_invalid_config_key_is_refused(string key) =>
        Assert.Equal("spec.brokers.config", Assert.Single(Validate(Specs.Valid().WithBrokerConfig(key, "6"))).Field.Split('[')[0]);

    [Fact]
    public void A_listener_name_with_a_trailing_newline_is_refused() =>
        AssertOnlyError(Validate(Specs.Valid() with { Listeners = [new ListenerSpec { Name = "plain\n", Port = 9092 }] }),
            "spec.listeners[0].name", "lower case letters or digits");

    [Fact]
    public void A_version_with_a_trailing_newline_is_refused_and_shown_escaped()
    {
        var error = AssertOnlyError(Validate(Specs.Valid() with { Version = "3.9.0\n" }), "spec.version", "\"3.9.0\\n\"");
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void Config_too_large_for_the_nodes_config_map_is_refused() =>
        AssertOnlyError(Validate(Specs.Valid().WithBrokerConfig("ssl.truststore.certificates", new string('x', SpecValidator.MaxConfigBytes))),
            "spec.brokers.config", "fit in the node's ConfigMap");

    [Fact]
    public void Config_of_a_few_kilobytes_is_accepted() =>
        Assert.Empty(Validate(Specs.Valid().WithBrokerConfig("ssl.truststore.certificates", new string('x', 64 * 1024))));
}
