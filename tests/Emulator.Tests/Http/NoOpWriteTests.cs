using Actors.Emulator.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace Actors.Emulator.Tests.Http;

/// <summary>
/// kube-apiserver stores nothing for a write that changes nothing: the writer's managedFields entry
/// keeps its time, so the object is unchanged and keeps its resourceVersion however much later the
/// write comes (GitOps tools re-apply the same manifests forever).
/// </summary>
public sealed class NoOpWriteTests : EmulatorTest
{
    readonly FakeTimeProvider clock = new(TestTime.Start);
    protected override EmulatorOptions Options() => new() { TimeProvider = clock };

    [Fact]
    public async Task A_patch_that_changes_nothing_a_minute_later_keeps_the_resource_version_and_the_managers_time()
    {
        await Create(ConfigMaps, Objects.ConfigMap("a"));
        var first = Api.Ok(await Api.Patch($"{ConfigMaps}/a?fieldManager=gitops", "application/merge-patch+json", """{"data":{"k":"w"}}"""));
        var revision = Emulator.Store.Revision;

        clock.Advance(TimeSpan.FromMinutes(1));
        var again = Api.Ok(await Api.Patch($"{ConfigMaps}/a?fieldManager=gitops", "application/merge-patch+json", """{"data":{"k":"w"}}"""));

        Assert.Equal(first.Text("metadata", "resourceVersion"), again.Text("metadata", "resourceVersion"));
        Assert.Equal(revision, Emulator.Store.Revision);
        Assert.Equal(TimeOf(first, "gitops"), TimeOf(again, "gitops"));
    }

    [Fact]
    public async Task A_patch_that_changes_a_field_a_minute_later_moves_the_managers_time()
    {
        await Create(ConfigMaps, Objects.ConfigMap("a"));
        var first = Api.Ok(await Api.Patch($"{ConfigMaps}/a?fieldManager=gitops", "application/merge-patch+json", """{"data":{"k":"w"}}"""));

        clock.Advance(TimeSpan.FromMinutes(1));
        var changed = Api.Ok(await Api.Patch($"{ConfigMaps}/a?fieldManager=gitops", "application/merge-patch+json", """{"data":{"k":"z"}}"""));

        Assert.NotEqual(first.Text("metadata", "resourceVersion"), changed.Text("metadata", "resourceVersion"));
        Assert.NotEqual(TimeOf(first, "gitops"), TimeOf(changed, "gitops"));
    }

    static string? TimeOf(System.Text.Json.Nodes.JsonObject o, string manager) =>
        o["metadata"]!["managedFields"]!.AsArray().OfType<System.Text.Json.Nodes.JsonObject>().Single(e => e.Text("manager") == manager).Text("time");
}
