using Microsoft.Extensions.Time.Testing;
using System.Text.Json.Nodes;
using Actors.Emulator.Tests.Support;

namespace Actors.Emulator.Tests.Admission;

/// <summary>
/// Every namespace has a default ServiceAccount (kube-controller-manager makes it, and makes it again
/// after a deletion), and ServiceAccount admission refuses pods while their account is missing.
/// </summary>
public sealed class ServiceAccountAdmissionTests : EmulatorTest
{
    readonly FakeTimeProvider clock = new(TestTime.Start);

    protected override EmulatorOptions Options() => new() { TimeProvider = clock };

    async Task CreateNamespace(string name) =>
        Api.Ok(await Api.Post("/api/v1/namespaces", new JsonObject { ["metadata"] = new JsonObject { ["name"] = name } }));

    [Fact]
    public async Task Every_namespace_existing_or_new_has_a_default_service_account()
    {
        await CreateNamespace("kafka");

        foreach (var ns in new[] { "default", "kube-system", "kafka" })
            Assert.Equal(200, (await Api.Get($"/api/v1/namespaces/{ns}/serviceaccounts/default")).Code);
    }

    [Fact]
    public async Task A_pod_gets_the_default_service_account_when_it_names_none()
    {
        var created = await Create(Pods, Objects.Pod("p"));

        Assert.Equal("default", created.Text("spec", "serviceAccountName"));
    }

    [Fact]
    public async Task A_pod_is_refused_while_its_namespace_has_no_default_service_account()
    {
        await CreateNamespace("kafka");
        Api.Ok(await Api.Delete("/api/v1/namespaces/kafka/serviceaccounts/default"));

        var reply = await Api.Post("/api/v1/namespaces/kafka/pods", Objects.Pod("broker-0"));

        Assert.Equal(403, reply.Code);
        Assert.Equal("Forbidden", reply.Reason);
        Assert.Equal("pods \"broker-0\" is forbidden: error looking up service account kafka/default: serviceaccount \"default\" not found",
            reply.Body.Text("message"));
    }

    [Fact]
    public async Task The_controller_makes_a_deleted_default_service_account_again()
    {
        await CreateNamespace("kafka");
        Api.Ok(await Api.Delete("/api/v1/namespaces/kafka/serviceaccounts/default"));

        clock.Advance(Lifecycle.ObjectLifecycle.DefaultServiceAccountRecreateDelay);

        Assert.Equal(200, (await Api.Get("/api/v1/namespaces/kafka/serviceaccounts/default")).Code);
        Api.Ok(await Api.Post("/api/v1/namespaces/kafka/pods", Objects.Pod("broker-0")));
    }

    [Fact]
    public async Task A_pod_naming_a_missing_service_account_is_refused()
    {
        var pod = Objects.Pod("p");
        pod["spec"]!["serviceAccountName"] = "kafka";

        var reply = await Api.Post(Pods, pod);

        Assert.Equal(403, reply.Code);
        Assert.Contains("error looking up service account default/kafka: serviceaccount \"kafka\" not found", reply.Body.Text("message"));
    }
}
