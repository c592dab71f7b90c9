using System.Globalization;
using System.Net;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using Actors.Contracts.Api;
using Actors.Contracts.Kafka;
using Actors.Grains.Cluster;
using Actors.Grains.Identity;
using Actors.Grains.Unreadable;
using Actors.Kubernetes;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace Actors.Silo.Operations;

/// <summary>
/// The APIs' operations over the Kubernetes API. Reads come from the KafkaCluster custom
/// resource; every change is a merge patch of that resource — the spec for scaling, an
/// annotation for restart and pause — never a write around it, so kubectl, GitOps and these
/// APIs all speak through the same object and the operator's reconcile loops carry the
/// change out. Any replica can serve these calls. Lists and watches decode
/// object by object, so one KafkaCluster the operator cannot read never hides the others.
/// </summary>
public sealed class KubernetesClusterOperations(k8s.Kubernetes client, TimeProvider time) : IClusterOperations
{
    private const string FieldManager = "actors-operator-api";

    private static readonly ResourceType Clusters = ResourceTypes.Of<KafkaCluster>();

    private readonly KafkaClusterReader reader = new(client);

    public async Task<IReadOnlyList<ClusterView>> ListClustersAsync(string? ns, CancellationToken cancellationToken)
    {
        CollectionSnapshot<KafkaCluster> list;
        try
        {
            list = await CollectionList.ReadAsync<KafkaCluster>(client, Clusters, ns, null, null, pageSize: 500, cancellationToken);
        }
        catch (Exception e) when (e.IsNotFound())
        {
            // The collection itself is missing: the CRD is not installed.
            throw new InvalidOperationException(
                $"The Kubernetes API does not serve {KafkaClusterResource.Plural}.{KafkaClusterResource.Group}: install the CRD (kubectl apply -k deploy/crd, or start the operator with --install-crd).", e);
        }

        return list.Items.Select(ClusterViews.From)
            .OrderBy(v => v.Namespace, StringComparer.Ordinal).ThenBy(v => v.Name, StringComparer.Ordinal).ToList();
    }

    public async Task<ClusterView> GetClusterAsync(string ns, string name, CancellationToken cancellationToken) =>
        ClusterViews.From(await ReadAsync(ns, name, cancellationToken));

    public Task<ClusterView> ScaleBrokersAsync(string ns, string name, int brokers, CancellationToken cancellationToken) =>
        PatchAsync(ns, name, "scaled", new JsonObject { ["spec"] = new JsonObject { ["brokers"] = new JsonObject { ["replicas"] = brokers } } }, cancellationToken);

    public Task<ClusterView> RequestRollingRestartAsync(string ns, string name, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);
        return PatchAsync(ns, name, "restarted", Annotation(KafkaAnnotations.RestartAt, now), cancellationToken);
    }

    public Task<ClusterView> PauseAsync(string ns, string name, CancellationToken cancellationToken) =>
        PatchAsync(ns, name, "paused", Annotation(KafkaAnnotations.PauseReconciliation, "true"), cancellationToken);

    /// <summary>Removes the pause annotation (a JSON null in a merge patch deletes the key).</summary>
    public Task<ClusterView> ResumeAsync(string ns, string name, CancellationToken cancellationToken) =>
        PatchAsync(ns, name, "resumed", Annotation(KafkaAnnotations.PauseReconciliation, null), cancellationToken);

    public async Task<IReadOnlyList<ClusterEventView>> ListEventsAsync(string ns, string name, CancellationToken cancellationToken)
    {
        await ReadAsync(ns, name, cancellationToken);
        var aboutCluster = client.CoreV1.ListNamespacedEventAsync(ns,
            fieldSelector: $"involvedObject.kind={KafkaClusterResource.Kind},involvedObject.name={name}", cancellationToken: cancellationToken);
        var aboutPods = client.CoreV1.ListNamespacedEventAsync(ns, fieldSelector: "involvedObject.kind=Pod", cancellationToken: cancellationToken);
        var lists = await Task.WhenAll(aboutCluster, aboutPods);
        return ClusterEvents.Timeline(lists.SelectMany(l => l.Items), ns, name);
    }

    public async IAsyncEnumerable<ClusterView> WatchClusterAsync(string ns, string name, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var current = await ReadAsync(ns, name, cancellationToken);
        var last = ClusterViews.From(current);
        var lastJson = Fingerprint(last);
        yield return last;

        var options = new WatchOptions { FieldSelector = $"metadata.name={name}", ResourceVersion = current.Metadata.ResourceVersion };
        await foreach (var change in new CollectionWatch<KafkaCluster>(client, Clusters, ns, options).RunAsync(cancellationToken))
        {
            KafkaCluster? next;
            switch (change.Type)
            {
                case WatchChangeType.Added or WatchChangeType.Modified when change.Object?.Metadata.Name == name:
                    next = change.Object;
                    break;
                case WatchChangeType.Deleted when change.Object?.Metadata.Name == name:
                    yield break;
                case WatchChangeType.Undecodable when change.Skipped.Any(s => s.Name == name && s.Deleted):
                    yield break;
                case WatchChangeType.Relisted:
                    next = change.Items?.FirstOrDefault(c => c.Metadata.Name == name);
                    if (next is null && !change.Skipped.Any(s => s.Name == name)) yield break; // deleted while the watch was behind
                    if (next is null) continue; // there, but unreadable: nothing new to show
                    break;
                default:
                    continue;
            }

            var view = ClusterViews.From(next!);
            var json = Fingerprint(view);
            if (json == lastJson) continue; // e.g. only metadata the views do not show changed
            lastJson = json;
            yield return view;
        }
    }

    /// <summary>The cluster, decoded as the operator decodes it: one it cannot read is a conflict naming the field, never a crash.</summary>
    private async Task<KafkaCluster> ReadAsync(string ns, string name, CancellationToken cancellationToken) =>
        await reader.ReadAsync(new ClusterIdentity(ns, name), cancellationToken) switch
        {
            ClusterRead.Readable readable => readable.Cluster,
            ClusterRead.Unreadable unreadable => throw new ClusterConflictException(UnreadableClusterReport.Message(unreadable.Cluster)),
            _ => throw new ClusterNotFoundException(ns, name),
        };

    /// <summary>Patches the custom resource, unless it is being deleted: then nothing may change.</summary>
    private async Task<ClusterView> PatchAsync(string ns, string name, string verb, JsonObject patch, CancellationToken cancellationToken)
    {
        var current = await ReadAsync(ns, name, cancellationToken);
        if (current.Metadata.DeletionTimestamp is not null)
            throw new ClusterConflictException($"KafkaCluster {ns}/{name} is being deleted; it cannot be {verb}.");
        try
        {
            var patched = await client.CustomObjects.PatchNamespacedCustomObjectAsync<KafkaCluster>(
                new V1Patch(patch.ToJsonString(), V1Patch.PatchType.MergePatch),
                KafkaClusterResource.Group, KafkaClusterResource.Version, ns, KafkaClusterResource.Plural, name,
                fieldManager: FieldManager, cancellationToken: cancellationToken);
            return ClusterViews.From(patched);
        }
        catch (HttpOperationException e) when (e.IsNotFound())
        {
            throw new ClusterNotFoundException(ns, name);
        }
        catch (HttpOperationException e) when (e.IsInvalid())
        {
            var cause = e.Causes().FirstOrDefault();
            throw new InvalidClusterRequestException(cause?.Field ?? "spec", $"KafkaCluster {ns}/{name} refused the change: {cause?.Message ?? e.ApiMessage()}");
        }
        catch (HttpOperationException e) when (e.StatusCodeOf() == HttpStatusCode.Conflict)
        {
            throw new ClusterConflictException($"KafkaCluster {ns}/{name} changed while it was being patched; try again. ({e.ApiMessage()})");
        }
    }

    private static JsonObject Annotation(string key, string? value) =>
        new() { ["metadata"] = new JsonObject { ["annotations"] = new JsonObject { [key] = value } } };

    private static string Fingerprint(ClusterView view) => JsonSerializer.Serialize(view);
}
