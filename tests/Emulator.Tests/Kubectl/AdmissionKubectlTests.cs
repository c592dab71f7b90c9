using Microsoft.Extensions.Time.Testing;
using Actors.Emulator.Tests.Support;

namespace Actors.Emulator.Tests.Kubectl;

/// <summary>The admission refusals and warnings reach a kubectl user as a real cluster's do.</summary>
public sealed class AdmissionKubectlTests : EmulatorTest
{
    // A manual clock holds off the controller that makes a deleted default ServiceAccount again.
    protected override EmulatorOptions Options() => new() { TimeProvider = new FakeTimeProvider(TestTime.Start) };

    [Fact]
    public async Task An_unknown_field_is_a_warning_kubectl_prints_under_validate_warn()
    {
        await InstallCrd();
        var kubectl = Fixture.Kubectl();
        var file = kubectl.WriteFile("cluster.yaml", """
            apiVersion: kafka.actors.dev/v1alpha1
            kind: KafkaCluster
            metadata: {name: demo, namespace: default}
            spec: {replicas: 3, colour: red}
            """);

        var result = await kubectl.Run("create", "--validate=warn", "-f", file);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("Warning: unknown field \"spec.colour\"", result.Err);
    }

    [Fact]
    public async Task An_invalid_label_is_refused_with_the_servers_field_message()
    {
        var kubectl = Fixture.Kubectl();
        var file = kubectl.WriteFile("cm.yaml", """
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: cm, namespace: default, labels: {"app": "-kafka"}}
            """);

        var result = await kubectl.Run("create", "-f", file);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("The ConfigMap \"cm\" is invalid: metadata.labels: Invalid value: \"-kafka\": a valid label must be an empty string", result.Err);
    }

    [Fact]
    public async Task A_pod_without_its_service_account_is_forbidden()
    {
        var kubectl = Fixture.Kubectl();
        await kubectl.Ok("delete", "serviceaccount", "default", "-n", "default");
        var file = kubectl.WriteFile("pod.yaml", """
            apiVersion: v1
            kind: Pod
            metadata: {name: broker-0, namespace: default}
            spec: {containers: [{name: kafka, image: apache/kafka:3.9.0}]}
            """);

        var result = await kubectl.Run("create", "-f", file);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains(
            "Error from server (Forbidden): error when creating \"" + file + "\": pods \"broker-0\" is forbidden: error looking up service account default/default: serviceaccount \"default\" not found",
            result.Err);
    }
}
