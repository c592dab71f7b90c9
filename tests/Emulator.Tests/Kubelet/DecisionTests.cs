using Actors.Emulator.Kubelet;
using k8s;
using k8s.Models;

namespace Actors.Emulator.Tests.Kubelet;

/// <summary>The kubelet's pure parts: scripts, back-off, placement, the volume marker, durations.</summary>
public sealed class DecisionTests
{
    static readonly KubeletOptions Defaults = new();
    static readonly DateTimeOffset T0 = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    static V1Pod PodWith(Dictionary<string, string>? annotations = null) => new()
    {
        Metadata = new V1ObjectMeta { Name = "broker-0", NamespaceProperty = "kafka", Uid = "u1", Annotations = annotations },
        Spec = new V1PodSpec { NodeName = "sim-node-0", Containers = [new V1Container { Name = "kafka", Image = "apache/kafka:3.9.0" }] },
    };

    [Theory]
    [InlineData("2s", 2000)]
    [InlineData("500ms", 500)]
    [InlineData("1m30s", 90000)]
    [InlineData("1h", 3600000)]
    [InlineData("1.5s", 1500)]
    [InlineData("0", 0)]
    [InlineData("2s\n", 2000)]
    public void Go_durations_parse(string text, int milliseconds)
    {
        Assert.True(GoDuration.TryParse(text, out var d));
        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), d);
    }

    [Theory]
    [InlineData("2")]
    [InlineData("soon")]
    [InlineData("-1s")]
    [InlineData("")]
    [InlineData("2s\nx")]
    [InlineData("2s\n3s")]
    [InlineData("\u0663s")]
    public void Malformed_durations_are_refused(string text) => Assert.False(GoDuration.TryParse(text, out _));

    [Fact]
    public void A_script_falls_back_to_the_defaults_for_missing_or_malformed_annotations()
    {
        var script = PodScript.For(PodWith(new() { [SimAnnotations.StartDelay] = "later", [SimAnnotations.ReadyDelay] = "7s" }), Defaults);
        Assert.Equal(Defaults.StartDelay, script.StartDelay);
        Assert.Equal(TimeSpan.FromSeconds(7), script.ReadyDelay);
        Assert.False(script.NeverReady);
        Assert.False(script.CrashesAt(0));
    }

    [Theory]
    [InlineData("loop", 1_000_000, true)]
    [InlineData("3", 2, true)]
    [InlineData("3", 3, false)]
    [InlineData("false", 0, false)]
    public void Crash_scripts_count_restarts(string value, int restarts, bool crashes) =>
        Assert.Equal(crashes, PodScript.For(PodWith(new() { [SimAnnotations.Crash] = value }), Defaults).CrashesAt(restarts));

    [Fact]
    public void Back_off_doubles_from_ten_seconds_up_to_five_minutes()
    {
        Assert.Equal([10, 20, 40, 80, 160, 300, 300], Enumerable.Range(1, 7).Select(n => (int)PodProgress.BackOff(n).TotalSeconds));
    }

    [Fact]
    public void A_pod_first_seen_is_pending_and_asks_to_be_woken_when_its_containers_start()
    {
        var step = PodProgress.Run(PodWith(), PodScript.For(PodWith(), Defaults), 0, T0);
        Assert.Equal("Pending", step.Status.Phase);
        Assert.Equal(T0.UtcDateTime, step.Status.StartTime);
        Assert.Equal(T0 + Defaults.StartDelay, step.WakeAt);
    }

    [Fact]
    public void Deciding_twice_at_the_same_time_changes_nothing()
    {
        var pod = PodWith();
        var script = PodScript.For(pod, Defaults);
        pod.Status = PodProgress.Run(pod, script, 0, T0).Status;
        pod.Status = PodProgress.Run(pod, script, 0, T0 + TimeSpan.FromSeconds(5)).Status;
        var again = PodProgress.Run(pod, script, 0, T0 + TimeSpan.FromSeconds(5)).Status;
        Assert.Equal(KubernetesJson.Serialize(pod.Status), KubernetesJson.Serialize(again));
    }

    [Fact]
    public void A_kubelet_back_from_a_long_pause_goes_through_start_and_crash_in_one_step()
    {
        var pod = PodWith(new() { [SimAnnotations.Crash] = "loop" });
        var script = PodScript.For(pod, Defaults);
        pod.Status = PodProgress.Run(pod, script, 0, T0).Status;
        pod.Status = PodProgress.Run(pod, script, 0, T0 + TimeSpan.FromSeconds(1)).Status;
        var later = PodProgress.Run(pod, script, 0, T0 + TimeSpan.FromSeconds(2));
        var container = Assert.Single(later.Status.ContainerStatuses!);
        Assert.Equal(1, container.RestartCount);
        Assert.Equal("CrashLoopBackOff", container.State!.Waiting!.Reason);
        Assert.Equal(T0 + TimeSpan.FromSeconds(2) + PodProgress.BackOff(1), later.WakeAt);
    }

    [Fact]
    public void Termination_waits_for_the_shorter_of_grace_and_shutdown_then_removes()
    {
        var pod = PodWith();
        pod.Metadata.DeletionGracePeriodSeconds = 30;
        pod.Metadata.DeletionTimestamp = (T0 + TimeSpan.FromSeconds(30)).UtcDateTime;
        var early = PodProgress.Terminate(pod, TimeSpan.FromSeconds(5), T0 + TimeSpan.FromSeconds(4));
        Assert.False(early.Remove);
        Assert.Equal(T0 + TimeSpan.FromSeconds(5), early.WakeAt);
        var done = PodProgress.Terminate(pod, TimeSpan.FromSeconds(5), T0 + TimeSpan.FromSeconds(5));
        Assert.True(done.Remove);
        Assert.Equal("Succeeded", done.Status.Phase);
    }

    [Fact]
    public void Placement_picks_the_least_loaded_live_node()
    {
        string[] nodes = ["n0", "n1", "n2"];
        Assert.Equal("n0", NodePlacement.Choose(nodes, [], new HashSet<string>()));
        Assert.Equal("n2", NodePlacement.Choose(nodes, ["n0", "n1"], new HashSet<string>()));
        Assert.Equal("n1", NodePlacement.Choose(nodes, ["n0", "n0", "n1"], new HashSet<string> { "n2" }));
        Assert.Null(NodePlacement.Choose(nodes, [], new HashSet<string>(nodes)));
    }

    static V1PersistentVolumeClaim Claim(Dictionary<string, string>? annotations = null) => new()
    {
        Metadata = new V1ObjectMeta { Name = "data", Uid = "c1", Annotations = annotations },
        Spec = new V1PersistentVolumeClaimSpec { VolumeName = "pvc-c1" },
    };

    [Fact]
    public void A_marker_written_by_a_pod_is_not_written_again_by_the_same_pod()
    {
        var pod = PodWith();
        var marks = VolumeMarker.Write(Claim(), pod)!;
        Assert.Equal("broker-0/u1", marks[SimAnnotations.LastWriter]);
        Assert.Equal(SimAnnotations.None, marks[SimAnnotations.PreviousWriter]);
        var written = Claim(marks);
        Assert.Null(VolumeMarker.Write(written, pod));
        Assert.Equal(SimAnnotations.None, VolumeMarker.FoundBy(written, pod));
    }

    [Fact]
    public void A_marker_that_names_another_volume_is_no_data()
    {
        var stale = Claim(new() { [SimAnnotations.LastWriter] = "broker-0/old", [SimAnnotations.MarkedVolume] = "pvc-other", [SimAnnotations.Writes] = "4" });
        Assert.Equal(SimAnnotations.None, VolumeMarker.LastWriter(stale));
        Assert.Equal("1", VolumeMarker.Write(stale, PodWith())![SimAnnotations.Writes]);
    }
}
