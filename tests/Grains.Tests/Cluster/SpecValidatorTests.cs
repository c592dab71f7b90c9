using Actors.Contracts.Kafka;
using Actors.Grains.Cluster;

namespace Actors.Grains.Tests.Cluster;

public class SpecValidatorTests
{
    private static IReadOnlyList<SpecError> Validate(KafkaClusterSpec spec, string name = "demo") => SpecValidator.Validate(name, spec);

    private static void AssertOnlyError(IReadOnlyList<SpecError> errors, string field, string containing)
    {
        var error = Assert.Single(errors);
        Assert.Equal(field, error.Field);
        Assert.Contains(containing, error.Message);
    }

    [Fact]
    public void A_complete_spec_is_valid() => Assert.Empty(Validate(Specs.Valid()));

    [Fact]
    public void A_missing_spec_is_reported() =>
        AssertOnlyError(SpecValidator.Validate("demo", null), "spec", "required");

    [Theory]
    [InlineData("Demo")]
    [InlineData("demo_cluster")]
    [InlineData("a-name-that-is-far-too-long-for-the-pod-names-1")]
    public void A_cluster_name_that_cannot_make_valid_pod_names_is_refused(string name) =>
        AssertOnlyError(Validate(Specs.Valid(), name), "metadata.name", "DNS label");

    [Fact]
    public void A_missing_version_is_refused_with_the_supported_list() =>
        AssertOnlyError(Validate(Specs.Valid() with { Version = null }), "spec.version", "3.9.0");

    [Theory]
    [InlineData("3.9")]
    [InlineData("latest")]
    [InlineData("3.9.0-rc1")]
    [InlineData("3.9.0\n")]
    [InlineData("\u0663.\u0669.\u0660")]
    public void A_malformed_version_is_refused(string version) =>
        AssertOnlyError(Validate(Specs.Valid() with { Version = version }), "spec.version", "is not a version");

    [Fact]
    public void An_unsupported_version_is_refused() =>
        AssertOnlyError(Validate(Specs.Valid() with { Version = "2.8.0" }), "spec.version", "not supported");

    [Fact]
    public void An_image_with_spaces_is_refused() =>
        AssertOnlyError(Validate(Specs.Valid() with { Image = "apache/kafka 3.9.0" }), "spec.image", "without spaces");

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(1001)]
    public void Broker_replicas_out_of_bounds_are_refused(int replicas) =>
        AssertOnlyError(Validate(Specs.Valid(brokers: replicas)), "spec.brokers.replicas", "between 1 and 1000");

    [Fact]
    public void Missing_broker_replicas_are_refused()
    {
        var spec = Specs.Valid();
        AssertOnlyError(Validate(spec with { Brokers = spec.Brokers! with { Replicas = null } }), "spec.brokers.replicas", "required");
    }

    [Fact]
    public void Missing_brokers_are_refused() =>
        AssertOnlyError(Validate(Specs.Valid() with { Brokers = null }), "spec.brokers", "required");

    [Theory]
    [InlineData(2)]
    [InlineData(4)]
    public void An_even_controller_count_is_refused(int controllers) =>
        AssertOnlyError(Validate(Specs.Valid(controllers: controllers)), "spec.controllers.replicas", "odd");

    [Theory]
    [InlineData(0)]
    [InlineData(11)]
    public void A_controller_count_outside_one_to_nine_is_refused(int controllers) =>
        AssertOnlyError(Validate(Specs.Valid(controllers: controllers)), "spec.controllers.replicas", "between 1 and 9");

    [Theory]
    [InlineData(1)]
    [InlineData(5)]
    [InlineData(9)]
    public void Odd_controller_counts_up_to_nine_are_accepted(int controllers) =>
        Assert.Empty(Validate(Specs.Valid(controllers: controllers)));

    [Theory]
    [InlineData("100GB")]
    [InlineData("lots")]
    [InlineData("")]
    public void A_malformed_storage_size_is_refused(string size)
    {
        var spec = Specs.Valid();
        var invalid = spec with { Brokers = spec.Brokers! with { Storage = new StorageSpec { Size = size } } };
        AssertOnlyError(Validate(invalid), "spec.brokers.storage.size", "quantity");
    }

    [Fact]
    public void A_zero_storage_size_is_refused()
    {
        var spec = Specs.Valid();
        var invalid = spec with { Controllers = spec.Controllers! with { Storage = new StorageSpec { Size = "0" } } };
        AssertOnlyError(Validate(invalid), "spec.controllers.storage.size", "greater than zero");
    }

    [Fact]
    public void Missing_storage_is_refused()
    {
        var spec = Specs.Valid();
        AssertOnlyError(Validate(spec with { Brokers = spec.Brokers! with { Storage = null } }), "spec.brokers.storage.size", "required");
    }

    [Fact]
    public void An_invalid_storage_class_name_is_refused()
    {
        var spec = Specs.Valid();
        var invalid = spec with { Brokers = spec.Brokers! with { Storage = new StorageSpec { Size = "1Gi", StorageClassName = "Fast SSD" } } };
        AssertOnlyError(Validate(invalid), "spec.brokers.storage.storageClassName", "not a valid StorageClass");
    }

    [Fact]
    public void A_malformed_resource_quantity_names_the_resource()
    {
        var spec = Specs.Valid();
        var invalid = spec with { Brokers = spec.Brokers! with { Resources = new ResourcesSpec { Limits = new() { ["memory"] = "4 gigs" } } } };
        AssertOnlyError(Validate(invalid), "spec.brokers.resources.limits.memory", "quantity");
    }

    [Theory]
    [InlineData("node.id")]
    [InlineData("process.roles")]
    [InlineData("controller.quorum.voters")]
    [InlineData("listeners")]
    [InlineData("advertised.listeners")]
    [InlineData("log.dirs")]
    [InlineData("inter.broker.listener.name")]
    [InlineData("listener.name.controller.ssl.keystore.location")]
    public void Config_keys_the_operator_owns_are_refused(string key) =>
        AssertOnlyError(Validate(Specs.Valid().WithBrokerConfig(key, "x")), $"spec.brokers.config[\"{key}\"]", "set by the operator");

    [Fact]
    public void Ordinary_config_overrides_are_accepted() =>
        Assert.Empty(Validate(Specs.Valid().WithBrokerConfig("log.retention.hours", "24")));

    [Fact]
    public void A_bad_toleration_operator_is_refused()
    {
        var spec = Specs.Valid();
        var invalid = spec with { Brokers = spec.Brokers! with { Tolerations = [new TolerationSpec { Key = "k", Operator = "In" }] } };
        AssertOnlyError(Validate(invalid), "spec.brokers.tolerations[0].operator", "Equal or Exists");
    }

    [Fact]
    public void A_rack_without_topology_key_is_refused()
    {
        var spec = Specs.Valid();
        AssertOnlyError(Validate(spec with { Brokers = spec.Brokers! with { Rack = new RackSpec() } }), "spec.brokers.rack.topologyKey", "required");
    }

    [Fact]
    public void Listener_ports_the_operator_uses_are_refused() =>
        AssertOnlyError(Validate(Specs.Valid() with { Listeners = [new ListenerSpec { Name = "plain", Port = 9093 }] }),
            "spec.listeners[0].port", "reserved");

    [Fact]
    public void Duplicate_listener_names_and_ports_are_refused()
    {
        var errors = Validate(Specs.Valid() with
        {
            Listeners = [new ListenerSpec { Name = "plain", Port = 9092 }, new ListenerSpec { Name = "plain", Port = 9092 }],
        });
        Assert.Equal(["spec.listeners[1].name", "spec.listeners[1].port"], errors.Select(e => e.Field));
    }

    [Fact]
    public void A_reserved_listener_name_is_refused() =>
        AssertOnlyError(Validate(Specs.Valid() with { Listeners = [new ListenerSpec { Name = "controller", Port = 9094 }] }),
            "spec.listeners[0].name", "reserved");

    [Fact]
    public void A_tls_listener_is_refused_until_supported() =>
        AssertOnlyError(Validate(Specs.Valid() with { Listeners = [new ListenerSpec { Name = "tls", Port = 9094, Tls = true }] }),
            "spec.listeners[0].tls", "not supported");

    [Fact]
    public void A_privileged_listener_port_is_refused() =>
        AssertOnlyError(Validate(Specs.Valid() with { Listeners = [new ListenerSpec { Name = "plain", Port = 80 }] }),
            "spec.listeners[0].port", "non-root");

    [Fact]
    public void Max_unavailable_below_one_is_refused() =>
        AssertOnlyError(Validate(Specs.Valid() with { Rollout = new RolloutSpec { MaxUnavailable = 0 } }),
            "spec.rollout.maxUnavailable", "at least 1");

    [Fact]
    public void An_unknown_pod_management_policy_is_refused() =>
        AssertOnlyError(Validate(Specs.Valid() with { Rollout = new RolloutSpec { PodManagementPolicy = "Random" } }),
            "spec.rollout.podManagementPolicy", "OrderedReady or Parallel");

    [Fact]
    public void Negative_min_ready_seconds_are_refused() =>
        AssertOnlyError(Validate(Specs.Valid() with { Rollout = new RolloutSpec { MinReadySeconds = -5 } }),
            "spec.rollout.minReadySeconds", "between 0");

    [Fact]
    public void An_unknown_retention_policy_is_refused() =>
        AssertOnlyError(Validate(Specs.Valid() with { PersistentVolumeClaimRetentionPolicy = new PvcRetentionPolicySpec { WhenScaled = "Keep" } }),
            "spec.persistentVolumeClaimRetentionPolicy.whenScaled", "Retain or Delete");

    [Fact]
    public void Every_error_is_reported_at_once()
    {
        var errors = Validate(Specs.Valid(brokers: 0, controllers: 2) with { Version = "1.0.0" });
        Assert.Equal(["spec.version", "spec.brokers.replicas", "spec.controllers.replicas"], errors.Select(e => e.Field));
    }
}
