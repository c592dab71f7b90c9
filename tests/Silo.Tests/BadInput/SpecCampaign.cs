using System.Text.Json;
using System.Text.Json.Nodes;
using Actors.Contracts.Kafka;
using Actors.Grains.Cluster;
using k8s;
using k8s.Autorest;

namespace Actors.Silo.Tests.BadInput;

/// <summary>
/// Creates one <see cref="GeneratedSpec"/> through the emulator and checks what must hold for any
/// spec: refused by the CRD schema with a 422 naming the field, or stored and given a status by the
/// operator — Ready=False Unreadable or InvalidSpec naming the field with no pod created, or a
/// Ready condition with a reason for a valid one — while the sibling keeps following its spec.
/// </summary>
public sealed class SpecCampaign(SpecCampaignTarget target, Action<string> log)
{
    private static int cases;


    public async Task CheckAsync(GeneratedSpec generated)
    {
        var index = Interlocked.Increment(ref cases);
        var name = $"gen-{index}";
        // The sibling's spec changes with every case: it must keep following it.
        await target.PatchSpecAsync(SpecCampaignTarget.Sibling, new JsonObject { ["brokers"] = new JsonObject { ["config"] = new JsonObject { ["num.partitions"] = $"{index % 50 + 1}" } } });

        try
        {
            await target.CreateAsync(name, generated.Spec);
        }
        catch (HttpOperationException refused)
        {
            var status = (int)refused.Response.StatusCode;
            Assert.True(status == 422, $"{generated}: answered {status} {refused.Response.Content}");
            Assert.True(generated.Changes.Any(c => refused.Response.Content.Contains("spec." + c.Field, StringComparison.Ordinal)),
                $"{generated}: refused without naming the field: {refused.Response.Content}");
            log($"{name} {generated}: refused 422");
            await AssertSiblingFollowsAsync(generated);
            return;
        }

        var stored = await Eventually.UntilAsync(async () => await target.ReadAsync(name) is var c && SpecCampaignTarget.CurrentReadyOf(c) is not null
            || SpecCampaignTarget.ReadyOf(c) is { } r && (string?)r["reason"] == "Unreadable" ? c : null, $"{name} {generated} has a status");
        var ready = SpecCampaignTarget.ReadyOf(stored)!;
        var (readyStatus, reason, message) = ((string?)ready["status"], (string?)ready["reason"], (string?)ready["message"] ?? "");
        log($"{name} {generated}: Ready={readyStatus} {reason}");

        switch (KafkaClusterReader.Decode(JsonSerializer.SerializeToElement(stored)))
        {
            case ClusterRead.Unreadable unreadable:
                Assert.True((readyStatus, reason) == ("False", "Unreadable"), $"{generated}: unreadable ({unreadable.Cluster.Reason}) but Ready {readyStatus}/{reason}: {message}");
                Assert.True(generated.Changes.Any(c => message.Contains("spec." + c.Field.Split('.')[0], StringComparison.Ordinal)), $"{generated}: unreadable, but the message names no changed field: {message}");
                await AssertNoPodsAsync(name, generated);
                break;
            case ClusterRead.Readable readable when SpecValidator.Admit(name, readable.Cluster) is { Count: > 0 } errors:
                Assert.True((readyStatus, reason) == ("False", KafkaConditionReasons.InvalidSpec), $"{generated}: invalid ({SpecError.Describe(errors)}) but Ready {readyStatus}/{reason}: {message}");
                Assert.All(errors, e => Assert.Contains(e.Field, message));
                await AssertNoPodsAsync(name, generated);
                break;
            default:
                Assert.False(string.IsNullOrEmpty(reason), $"{generated}: a Ready condition without a reason");
                Assert.True(reason is not (KafkaConditionReasons.InvalidSpec or "Unreadable"), $"{generated}: valid, but Ready {readyStatus}/{reason}: {message}");
                break;
        }
        await AssertSiblingFollowsAsync(generated);
        await target.DeleteAsync(name);
    }

    private async Task AssertNoPodsAsync(string name, GeneratedSpec generated)
    {
        var pods = await target.Client.CoreV1.ListNamespacedPodAsync(SpecCampaignTarget.Namespace, labelSelector: $"{KafkaLabels.Instance}={name}");
        Assert.True(pods.Items.Count == 0, $"{generated}: {pods.Items.Count} pods created for a cluster that cannot be acted upon");
    }

    private async Task AssertSiblingFollowsAsync(GeneratedSpec after) =>
        await Eventually.UntilAsync(async () => SpecCampaignTarget.CurrentReadyOf(await target.ReadAsync(SpecCampaignTarget.Sibling)) is { } ready
            && (string?)ready["reason"] is not (KafkaConditionReasons.InvalidSpec or "Unreadable"), $"the sibling follows its spec after {after}");
}
