using k8s;
using k8s.Models;

namespace Actors.Emulator.Tests.Admission;

/// <summary>
/// kube-apiserver stores a built-in object's metav1.Time fields to the second and keeps
/// microseconds only in MicroTime fields; the official client sends fractions in both.
/// </summary>
public sealed class TimePrecisionTests : IAsyncLifetime
{
    EmulatorFixture fixture = null!;

    public async Task InitializeAsync() => fixture = await EmulatorFixture.StartAsync();

    public async Task DisposeAsync() => await fixture.DisposeAsync();

    [Fact]
    public async Task A_pods_start_time_and_condition_times_are_stored_to_the_second()
    {
        using var client = fixture.Client();
        var pod = await client.CoreV1.CreateNamespacedPodAsync(new V1Pod
        {
            Metadata = new V1ObjectMeta { Name = "timed", Annotations = new Dictionary<string, string> { ["note"] = "2026-01-01T00:00:00.123456Z" } },
            Spec = new V1PodSpec { Containers = [new V1Container { Name = "c", Image = "busybox" }] },
        }, "default");
        pod.Status = new V1PodStatus
        {
            StartTime = new DateTime(2026, 1, 1, 10, 20, 30, 987, DateTimeKind.Utc),
            Conditions = [new V1PodCondition { Type = "Ready", Status = "True", LastTransitionTime = new DateTime(2026, 1, 1, 10, 20, 31, 456, DateTimeKind.Utc) }],
        };

        var stored = await client.CoreV1.ReplaceNamespacedPodStatusAsync(pod, "timed", "default");

        Assert.Equal(new DateTime(2026, 1, 1, 10, 20, 30, DateTimeKind.Utc), stored.Status.StartTime);
        Assert.Equal(new DateTime(2026, 1, 1, 10, 20, 31, DateTimeKind.Utc), stored.Status.Conditions.Single().LastTransitionTime);
        Assert.Equal("2026-01-01T00:00:00.123456Z", stored.Metadata.Annotations["note"]);
    }

    [Fact]
    public async Task A_leases_renew_time_keeps_its_microseconds()
    {
        using var client = fixture.Client();
        var renewed = new DateTime(2026, 1, 1, 10, 20, 30, DateTimeKind.Utc).AddTicks(1234560);

        var lease = await client.CoordinationV1.CreateNamespacedLeaseAsync(new V1Lease
        {
            ApiVersion = $"{V1Lease.KubeGroup}/{V1Lease.KubeApiVersion}",
            Kind = V1Lease.KubeKind,
            Metadata = new V1ObjectMeta { Name = "micro" },
            Spec = new V1LeaseSpec { HolderIdentity = "a", RenewTime = renewed },
        }, "default");

        Assert.Equal(renewed, lease.Spec.RenewTime);
    }
}
