using System.Text.Json.Nodes;
using Actors.Emulator.Tests.Support;

namespace Actors.Emulator.Tests.Admission;

/// <summary>
/// kubernetes.io/pvc-protection: admission adds the finalizer to every claim, and a deleted claim that a
/// scheduled, running pod still mounts lingers Terminating until that pod is gone.
/// </summary>
public sealed class ClaimProtectionTests : EmulatorTest
{
    const string Claims = "/api/v1/namespaces/default/persistentvolumeclaims";

    static JsonObject Claim(string name) => new()
    {
        ["apiVersion"] = "v1", ["kind"] = "PersistentVolumeClaim",
        ["metadata"] = new JsonObject { ["name"] = name },
        ["spec"] = new JsonObject
        {
            ["accessModes"] = new JsonArray("ReadWriteOnce"),
            ["resources"] = new JsonObject { ["requests"] = new JsonObject { ["storage"] = "1Gi" } },
        },
    };

    static JsonObject PodMounting(string name, string claim, string? node = "node-a")
    {
        var pod = Objects.Pod(name, node);
        pod["spec"]!["volumes"] = new JsonArray(new JsonObject
        {
            ["name"] = "data", ["persistentVolumeClaim"] = new JsonObject { ["claimName"] = claim },
        });
        return pod;
    }

    static readonly JsonObject Immediately = new() { ["gracePeriodSeconds"] = 0 };

    [Fact]
    public async Task A_created_claim_carries_the_protection_finalizer()
    {
        var created = await Create(Claims, Claim("data-0"));

        Assert.Equal("[\"kubernetes.io/pvc-protection\"]", created["metadata"]!["finalizers"]!.ToJsonString());
    }

    [Fact]
    public async Task An_unused_claim_goes_at_once_when_deleted()
    {
        await Create(Claims, Claim("data-0"));

        Api.Ok(await Api.Delete($"{Claims}/data-0"));

        Assert.Null(await Find(Claims, "data-0"));
    }

    [Fact]
    public async Task A_claim_mounted_by_a_running_pod_stays_terminating_until_the_pod_is_gone()
    {
        await Create(Claims, Claim("data-0"));
        await Create(Pods, PodMounting("broker-0", "data-0"));

        Api.Ok(await Api.Delete($"{Claims}/data-0"));
        var lingering = await Find(Claims, "data-0");
        Assert.NotNull(lingering.Text("metadata", "deletionTimestamp"));
        Assert.Contains("kubernetes.io/pvc-protection", lingering!["metadata"]!["finalizers"]!.ToJsonString());

        Api.Ok(await Api.Delete($"{Pods}/broker-0", Immediately));

        Assert.Null(await Find(Claims, "data-0"));
    }

    [Fact]
    public async Task A_pod_that_has_finished_or_was_never_scheduled_does_not_hold_its_claim()
    {
        await Create(Claims, Claim("data-0"));
        await Create(Claims, Claim("data-1"));
        await Create(Pods, PodMounting("pending", "data-0", node: null));
        var finished = await Create(Pods, PodMounting("finished", "data-1"));

        Api.Ok(await Api.Delete($"{Claims}/data-0"));
        Assert.Null(await Find(Claims, "data-0"));

        Api.Ok(await Api.Delete($"{Claims}/data-1"));
        Assert.NotNull(await Find(Claims, "data-1"));
        finished["status"] = new JsonObject { ["phase"] = "Succeeded" };
        Api.Ok(await Api.Put($"{Pods}/finished/status", finished));
        Assert.Null(await Find(Claims, "data-1"));
    }

    [Fact]
    public async Task Deleting_a_namespace_releases_its_claims_once_its_pods_are_gone()
    {
        Api.Ok(await Api.Post("/api/v1/namespaces", new JsonObject { ["metadata"] = new JsonObject { ["name"] = "kafka" } }));
        Api.Ok(await Api.Post("/api/v1/namespaces/kafka/persistentvolumeclaims", Claim("data-0")));
        Api.Ok(await Api.Post("/api/v1/namespaces/kafka/pods", PodMounting("broker-0", "data-0", node: null)));

        Api.Ok(await Api.Delete("/api/v1/namespaces/kafka"));

        Assert.Equal(404, (await Api.Get("/api/v1/namespaces/kafka")).Code);
    }
}
