using System.Text.Json;
using Actors.Kubernetes;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Actors.Runtime;

namespace Actors.Grains.State;

/// <summary>
/// Keeps grain state in the Kubernetes API itself: one ConfigMap per grain (where
/// <see cref="IGrainStateLocator"/> says), one data key per state name, the ConfigMap's
/// resourceVersion as the ETag. A write over a stale ETag gets the API server's 409, reported as
/// <see cref="InconsistentStateException"/> — the guard against two operators driving one cluster.
/// </summary>
public sealed class KubernetesGrainStorage(IKubernetes client, IGrainStateLocator locator, string fieldManager) : IGrainStorage
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var location = await locator.LocateAsync(grainId, CancellationToken.None).ConfigureAwait(false);
        var map = await TryReadAsync(location).ConfigureAwait(false);
        if (map?.Data is { } data && data.TryGetValue(stateName, out var json))
        {
            grainState.State = JsonSerializer.Deserialize<T>(json, Json)!;
            grainState.RecordExists = true;
        }
        else
        {
            grainState.State = Activator.CreateInstance<T>();
            grainState.RecordExists = false;
        }
        grainState.ETag = map?.Metadata?.ResourceVersion;
    }

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var location = await locator.LocateAsync(grainId, CancellationToken.None).ConfigureAwait(false);
        var json = JsonSerializer.Serialize(grainState.State, Json);
        try
        {
            V1ConfigMap written;
            if (grainState.ETag is null)
            {
                written = await client.CoreV1.CreateNamespacedConfigMapAsync(Render(location, stateName, json, resourceVersion: null), location.Namespace,
                    fieldManager: fieldManager).ConfigureAwait(false);
            }
            else
            {
                var current = await TryReadAsync(location).ConfigureAwait(false)
                              ?? throw Stale(stateName, grainId, null, grainState.ETag);
                if (current.Metadata.ResourceVersion != grainState.ETag) throw Stale(stateName, grainId, current.Metadata.ResourceVersion, grainState.ETag);
                current.Data ??= new Dictionary<string, string>();
                current.Data[stateName] = json;
                // The PUT carries the resourceVersion read above: a write in between gets the API server's 409.
                written = await client.CoreV1.ReplaceNamespacedConfigMapAsync(current, location.Name, location.Namespace,
                    fieldManager: fieldManager).ConfigureAwait(false);
            }
            grainState.ETag = written.Metadata.ResourceVersion;
            grainState.RecordExists = true;
        }
        catch (HttpOperationException e) when (e.IsConflict() || e.IsAlreadyExists())
        {
            throw Stale(stateName, grainId, null, grainState.ETag, e);
        }
    }

    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var location = await locator.LocateAsync(grainId, CancellationToken.None).ConfigureAwait(false);
        try
        {
            if (grainState.ETag is not null)
                await client.CoreV1.DeleteNamespacedConfigMapAsync(location.Name, location.Namespace,
                    new V1DeleteOptions { Preconditions = new V1Preconditions { ResourceVersion = grainState.ETag } }).ConfigureAwait(false);
        }
        catch (HttpOperationException e) when (e.IsNotFound())
        {
        }
        catch (HttpOperationException e) when (e.IsConflict())
        {
            throw Stale(stateName, grainId, null, grainState.ETag, e);
        }
        grainState.ETag = null;
        grainState.RecordExists = false;
    }

    private async Task<V1ConfigMap?> TryReadAsync(GrainStateLocation location)
    {
        try
        {
            return await client.CoreV1.ReadNamespacedConfigMapAsync(location.Name, location.Namespace).ConfigureAwait(false);
        }
        catch (HttpOperationException e) when (e.IsNotFound())
        {
            return null;
        }
    }

    private static V1ConfigMap Render(GrainStateLocation location, string stateName, string json, string? resourceVersion) => new()
    {
        ApiVersion = "v1",
        Kind = "ConfigMap",
        Metadata = new V1ObjectMeta
        {
            Name = location.Name,
            NamespaceProperty = location.Namespace,
            ResourceVersion = resourceVersion,
            Labels = location.Labels is null ? null : new Dictionary<string, string>(location.Labels),
            OwnerReferences = location.Owner is null ? null : [location.Owner],
        },
        Data = new Dictionary<string, string> { [stateName] = json },
    };

    private static InconsistentStateException Stale(string stateName, GrainId grainId, string? stored, string? held, Exception? inner = null) =>
        new($"The state '{stateName}' of {grainId} was changed by someone else since it was read (held resourceVersion {held ?? "none"}"
            + (inner is null ? ")" : $"; {inner.Message})") + ". Another operator may be driving this cluster; re-read the state and retry.",
            stored, held);
}

/// <summary>Where a grain's state lives: the ConfigMap's namespace and name, its labels and owner.</summary>
public sealed record GrainStateLocation(string Namespace, string Name, IReadOnlyDictionary<string, string>? Labels = null, V1OwnerReference? Owner = null);

/// <summary>Maps a grain identity to the ConfigMap that holds its state.</summary>
public interface IGrainStateLocator
{
    ValueTask<GrainStateLocation> LocateAsync(GrainId grainId, CancellationToken cancellationToken);
}
