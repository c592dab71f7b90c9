using Actors.Deploy.Tests.Support;

namespace Actors.Deploy.Tests.Crd;

/// <summary>
/// What the shipped CRD lets the API server refuse before the operator ever reads an object:
/// values the operator could not decode, and strings Kubernetes itself would refuse downstream.
/// Applied with the real kubectl to an emulator that validates like kube-apiserver.
/// </summary>
public sealed class CrdSchemaBoundsTests : CrdOnEmulator
{
    static string Sample() => Repository.Read("deploy/samples/kafkacluster-demo.yaml");

    [Fact]
    public async Task Replicas_beyond_int32_are_refused_naming_the_field()
    {
        // kube-apiserver ignores `format: int32` in CRDs; only the bounds keep such an object out.
        var poison = Sample().Replace("  brokers:\n    replicas: 3", "  brokers:\n    replicas: 2147483648");
        Assert.NotEqual(Sample(), poison);

        var result = await Kubectl.Run(["apply", "-f", "-"], stdin: poison);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("spec.brokers.replicas", result.Err);
        Assert.Contains("less than or equal to", result.Err);
    }

    [Fact]
    public async Task A_quantity_with_a_trailing_newline_is_refused_naming_the_field()
    {
        var broken = Sample().Replace("size: 10Gi", "size: \"10Gi\\n\"");
        Assert.NotEqual(Sample(), broken);

        var result = await Kubectl.Run(["apply", "-f", "-"], stdin: broken);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("spec.brokers.storage.size", result.Err);
    }

    [Fact]
    public async Task A_node_selector_value_longer_than_a_label_value_is_refused_naming_the_field()
    {
        var broken = Sample().Replace("  brokers:\n    replicas: 3", "  brokers:\n    replicas: 3\n    nodeSelector: {pool: " + new string('a', 64) + "}");
        Assert.NotEqual(Sample(), broken);

        var result = await Kubectl.Run(["apply", "-f", "-"], stdin: broken);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("spec.brokers.nodeSelector.pool", result.Err);
    }

    [Fact]
    public async Task An_unknown_rollout_policy_is_refused_listing_the_allowed_ones()
    {
        var broken = Sample().Replace("podManagementPolicy: OrderedReady", "podManagementPolicy: AllAtOnce");
        Assert.NotEqual(Sample(), broken);

        var result = await Kubectl.Run(["apply", "-f", "-"], stdin: broken);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("spec.rollout.podManagementPolicy", result.Err);
        Assert.Contains("OrderedReady", result.Err);
    }
}
