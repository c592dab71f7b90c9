using Actors.Contracts.Kafka;
using Actors.Grains.Cluster;

namespace Actors.Grains.Tests.Cluster;

public class SpecChangeValidatorTests
{
    private static readonly AppliedSpec Running = ClusterPlan.Applied(Specs.Valid(), "3.9-IV0");

    [Fact]
    public void A_new_cluster_has_nothing_to_compare_with() =>
        Assert.Empty(SpecChangeValidator.Validate(null, Specs.Valid(controllers: 5)));

    [Fact]
    public void An_unchanged_spec_passes() => Assert.Empty(SpecChangeValidator.Validate(Running, Specs.Valid()));

    [Fact]
    public void Scaling_brokers_passes() => Assert.Empty(SpecChangeValidator.Validate(Running, Specs.Valid(brokers: 7)));

    [Fact]
    public void Changing_the_controller_count_of_a_running_cluster_is_refused()
    {
        var error = Assert.Single(SpecChangeValidator.Validate(Running, Specs.Valid(controllers: 5)));
        Assert.Equal("spec.controllers.replicas", error.Field);
        Assert.Contains("3 → 5", error.Message);
        Assert.Contains("set it back to 3", error.Message);
    }

    [Fact]
    public void Shrinking_storage_is_refused()
    {
        var spec = Specs.Valid();
        var smaller = spec with { Brokers = spec.Brokers! with { Storage = new StorageSpec { Size = "50Gi", StorageClassName = "fast" } } };
        var error = Assert.Single(SpecChangeValidator.Validate(Running, smaller));
        Assert.Equal("spec.brokers.storage.size", error.Field);
        Assert.Contains("cannot shrink", error.Message);
    }

    [Fact]
    public void Growing_storage_passes()
    {
        var spec = Specs.Valid();
        var bigger = spec with { Brokers = spec.Brokers! with { Storage = new StorageSpec { Size = "0.5Ti", StorageClassName = "fast" } } };
        Assert.Empty(SpecChangeValidator.Validate(Running, bigger));
    }

    [Fact]
    public void The_same_size_in_other_units_is_not_a_shrink()
    {
        var spec = Specs.Valid();
        var same = spec with { Brokers = spec.Brokers! with { Storage = new StorageSpec { Size = "102400Mi", StorageClassName = "fast" } } };
        Assert.Empty(SpecChangeValidator.Validate(Running, same));
    }

    [Fact]
    public void Changing_the_storage_class_is_refused()
    {
        var spec = Specs.Valid();
        var other = spec with { Controllers = spec.Controllers! with { Storage = new StorageSpec { Size = "10Gi", StorageClassName = "slow" } } };
        var error = Assert.Single(SpecChangeValidator.Validate(Running, other));
        Assert.Equal("spec.controllers.storage.storageClassName", error.Field);
        Assert.Contains("cannot change", error.Message);
    }

    [Fact]
    public void A_downgrade_below_the_raised_metadata_version_is_refused()
    {
        var error = Assert.Single(SpecChangeValidator.Validate(Running, Specs.Valid(version: "3.8.0")));
        Assert.Equal("spec.version", error.Field);
        Assert.Contains("3.9-IV0", error.Message);
    }

    [Fact]
    public void A_downgrade_within_the_same_metadata_version_passes() =>
        Assert.Empty(SpecChangeValidator.Validate(Running with { Version = "3.9.1" }, Specs.Valid(version: "3.9.0")));

    [Fact]
    public void A_downgrade_before_the_metadata_version_was_raised_passes() =>
        Assert.Empty(SpecChangeValidator.Validate(Running with { Version = "4.0.0", MetadataVersion = "3.9-IV0" }, Specs.Valid(version: "3.9.0")));

    [Fact]
    public void Change_checks_run_only_once_the_spec_is_valid_on_its_own()
    {
        var errors = SpecValidator.Validate("demo", Specs.Valid(controllers: 4), Running);
        Assert.Equal("spec.controllers.replicas", Assert.Single(errors).Field);
        Assert.Contains("odd", errors[0].Message);
    }
}
