using System.Text.Json.Nodes;
using Actors.Grains.Cluster;
using Actors.Grains.Unreadable;
using static Actors.Grains.Tests.Unreadable.PoisonObjects;

namespace Actors.Grains.Tests.Unreadable;

public sealed class UnreadableClusterReportTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 3, 12, 0, 0, TimeSpan.Zero);

    private static UnreadableCluster Read(JsonObject stored) =>
        Assert.IsType<ClusterRead.Unreadable>(KafkaClusterReader.Decode(Element(stored))).Cluster;

    private static JsonObject Patch(UnreadableReport report) => Assert.IsType<JsonObject>(JsonNode.Parse(report.StatusPatch!));

    private static JsonObject After(JsonObject stored, UnreadableReport report) => Assert.IsType<JsonObject>(MergePatch(stored, Patch(report)));

    private static JsonObject Ready(JsonObject cluster) =>
        cluster["status"]!["conditions"]!.AsArray().OfType<JsonObject>().Single(c => (string?)c["type"] == "Ready");

    [Fact]
    public void The_poison_object_is_unreadable_and_the_reason_names_the_field()
    {
        var cluster = Read(Poison());

        Assert.Equal(("probe", "poison", Uid, "41", 3L), (cluster.Namespace, cluster.Name, cluster.Uid, cluster.ResourceVersion, cluster.Generation));
        Assert.Contains("$.spec.brokers.replicas", cluster.Reason);
    }

    [Fact]
    public void A_cluster_the_model_can_hold_is_readable()
    {
        var read = Assert.IsType<ClusterRead.Readable>(KafkaClusterReader.Decode(Element(Readable())));

        Assert.Equal(3, read.Cluster.Spec!.Brokers!.Replicas);
    }

    [Fact]
    public void An_unreadable_cluster_gets_Ready_False_Unreadable_saying_which_object_and_why()
    {
        var stored = Poison();
        var report = UnreadableClusterReport.Decide(Read(stored), Now);

        var ready = Ready(After(stored, report));
        Assert.Equal(("False", "Unreadable", 3L, "2026-12-03T12:00:00Z"),
            ((string?)ready["status"], (string?)ready["reason"], (long?)ready["observedGeneration"], (string?)ready["lastTransitionTime"]));
        var message = (string)ready["message"]!;
        Assert.StartsWith("KafkaCluster probe/poison cannot be read by the operator: ", message);
        Assert.Contains("spec.brokers.replicas is not a 32-bit integer", message);
        Assert.Contains("Nothing is created, changed or deleted for it until it can be read", message);
        Assert.True(report.Event);
        Assert.Equal(message, report.Message);
    }

    [Fact]
    public void The_report_leaves_every_other_condition_and_status_field_as_stored()
    {
        var status = JsonNode.Parse("""
            {"observedGeneration":2,"clusterId":"MkU3OEVBNTcwNTJENDM2Qk","readyBrokers":3,
             "conditions":[
               {"type":"Progressing","status":"False","reason":"Idle","message":"nothing to do","lastTransitionTime":"2026-12-01T00:00:00Z"},
               {"type":"Ready","status":"True","reason":"AllNodesReady","message":"3 brokers","lastTransitionTime":"2026-12-01T00:00:00Z"},
               {"type":"Degraded","status":"False","reason":"Healthy","message":"ok","lastTransitionTime":"2026-12-01T00:00:00Z"}]}
            """);
        var stored = Poison(status: status);

        var after = After(stored, UnreadableClusterReport.Decide(Read(stored), Now));

        var conditions = after["status"]!["conditions"]!.AsArray();
        Assert.Equal(["Progressing", "Ready", "Degraded"], conditions.Select(c => (string?)c!["type"]));
        Assert.True(JsonNode.DeepEquals(status!["conditions"]![0], conditions[0]));
        Assert.True(JsonNode.DeepEquals(status["conditions"]![2], conditions[2]));
        Assert.Equal("2026-12-03T12:00:00Z", (string?)conditions[1]!["lastTransitionTime"]); // True → False is a transition
        // Everything but the Ready condition is exactly as stored: spec, metadata, the rest of status.
        var expected = (JsonObject)stored.DeepClone();
        expected["status"]!["conditions"]![1] = conditions[1]!.DeepClone();
        Assert.True(JsonNode.DeepEquals(expected, after), after.ToJsonString());
    }

    [Fact]
    public void The_report_is_written_only_onto_the_version_it_judged()
    {
        var report = UnreadableClusterReport.Decide(Read(Poison(resourceVersion: "41")), Now);

        var patch = Patch(report);
        Assert.Equal("41", (string?)patch["metadata"]!["resourceVersion"]);
        Assert.Equal(["metadata", "status"], patch.Select(p => p.Key));
        Assert.Equal(["resourceVersion"], patch["metadata"]!.AsObject().Select(p => p.Key));
        Assert.Equal(["conditions"], patch["status"]!.AsObject().Select(p => p.Key));
    }

    [Fact]
    public void A_report_already_on_the_object_is_not_written_or_announced_again()
    {
        // The report changes the object; its watch event (a new resourceVersion) must end here.
        var stored = Poison(resourceVersion: "41");
        var first = UnreadableClusterReport.Decide(Read(stored), Now);
        var echoed = After(stored, first);
        echoed["metadata"]!["resourceVersion"] = "42";

        var second = UnreadableClusterReport.Decide(Read(echoed), Now.AddMinutes(5));

        Assert.Null(second.StatusPatch);
        Assert.False(second.Event);
    }

    [Fact]
    public void The_message_does_not_change_with_where_the_field_sits_in_the_text()
    {
        // The decoder names a byte position, which moves with every new resourceVersion or managed field.
        var shorter = Read(Poison(resourceVersion: "9"));
        var longer = Read(Poison(resourceVersion: "123456789"));

        Assert.Equal(UnreadableClusterReport.Message(shorter), UnreadableClusterReport.Message(longer));
        Assert.DoesNotContain("BytePositionInLine", UnreadableClusterReport.Message(longer));
    }

    [Theory]
    [InlineData("The JSON value could not be converted to System.Int64. Path: $.status.observedGeneration | LineNumber: 0 | BytePositionInLine: 7.",
        "status.observedGeneration is not a 64-bit integer")]
    [InlineData("The JSON value could not be converted to System.Boolean. Path: $.spec.paused | LineNumber: 0 | BytePositionInLine: 99.",
        "spec.paused is not true or false")]
    [InlineData("'x' is an invalid start of a value. (at $.spec)", "'x' is an invalid start of a value. (at $.spec)")]
    public void The_reason_is_said_in_the_fields_terms_when_the_decoder_names_a_type(string reason, string explained) =>
        Assert.Equal(explained, UnreadableClusterReport.Explain(reason));

    [Fact]
    public void Ready_that_was_already_False_keeps_the_time_it_became_False()
    {
        var status = JsonNode.Parse("""
            {"conditions":[{"type":"Ready","status":"False","reason":"InvalidSpec","message":"spec.brokers.replicas is required","lastTransitionTime":"2026-11-30T08:00:00Z","observedGeneration":2}]}
            """);
        var stored = Poison(status: status);

        var ready = Ready(After(stored, UnreadableClusterReport.Decide(Read(stored), Now)));

        Assert.Equal(("Unreadable", "2026-11-30T08:00:00Z"), ((string?)ready["reason"], (string?)ready["lastTransitionTime"]));
    }

    [Fact]
    public void A_new_generation_with_the_same_problem_updates_the_condition()
    {
        var stored = Poison(generation: 3);
        var reported = After(stored, UnreadableClusterReport.Decide(Read(stored), Now));
        reported["metadata"]!["generation"] = 4;

        var again = UnreadableClusterReport.Decide(Read(reported), Now.AddMinutes(1));

        Assert.Equal(4L, (long?)Ready(After(reported, again))["observedGeneration"]);
        Assert.Equal("2026-12-03T12:00:00Z", (string?)Ready(After(reported, again))["lastTransitionTime"]);
    }

    [Theory]
    [InlineData("\"not an object\"")]
    [InlineData("""{"conditions":"not a list"}""")]
    public void A_status_that_cannot_carry_a_condition_is_left_alone_and_only_the_Event_says_it(string status)
    {
        var report = UnreadableClusterReport.Decide(Read(Poison(status: JsonNode.Parse(status))), Now);

        Assert.Null(report.StatusPatch);
        Assert.True(report.Event);
    }

    [Fact]
    public void A_cluster_without_a_status_gets_one_with_only_the_Ready_condition()
    {
        var stored = Poison();

        var after = After(stored, UnreadableClusterReport.Decide(Read(stored), Now));

        Assert.Equal(["conditions"], after["status"]!.AsObject().Select(p => p.Key));
        Assert.Single(after["status"]!["conditions"]!.AsArray());
    }
}
