using System.Text.Json.Nodes;
using Actors.Emulator.Tests.Support;

namespace Actors.Emulator.Tests.Kubectl;

/// <summary>`kubectl get events` prints what happened to which object, as against kube-apiserver.</summary>
public sealed class EventTableTests : EmulatorTest
{

    [Fact]
    public async Task Kubectl_get_events_shows_type_reason_object_and_message()
    {
        var created = await Api.Post("/api/v1/namespaces/default/events", JsonNode.Parse("""
            {
              "apiVersion": "v1", "kind": "Event",
              "metadata": { "name": "demo.roll-1" },
              "involvedObject": { "apiVersion": "kafka.actors.dev/v1alpha1", "kind": "KafkaCluster", "namespace": "default", "name": "demo" },
              "type": "Warning", "reason": "RollBlocked", "count": 2,
              "message": "Rolling default/demo broker 2 waits: the health gate is closed",
              "source": { "component": "actors-operator" }
            }
            """)!);
        Assert.Equal(201, created.Code);

        var kubectl = Fixture.Kubectl();
        var lines = (await kubectl.Ok("get", "events", "-n", "default")).Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal(["LAST", "SEEN", "TYPE", "REASON", "OBJECT", "MESSAGE"], lines[0].Split(' ', StringSplitOptions.RemoveEmptyEntries));
        var row = Assert.Single(lines, l => l.Contains("RollBlocked"));
        Assert.Contains("Warning", row);
        Assert.Contains("kafkacluster/demo", row);
        Assert.Contains("the health gate is closed", row);
    }
}
