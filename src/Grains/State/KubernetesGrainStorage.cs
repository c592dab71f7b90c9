using System.Text.Json;
using Actors.Kubernetes;
using Actors.Runtime;

namespace Actors.Grains.State;

/// <summary>
/// Keeps grain state in the Kubernetes API itself: one ConfigMap per grain (where
/// <see cref="IGrainStateLocator"/> says), one data key per state name, the ConfigMap's
/// resourceVersion as the ETag. A write over a stale ETag gets the API server's 409, reported as
/// <see cref="InconsistentStateException"/> — the guard against two operators driving one cluster.
/// </summary>
public sealed class KubernetesGrainStorage(KubernetesClient client, IGrainStateLocator locator, string fieldManager) : IGrainStorage
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private ResourceClient<ConfigMap> ConfigMaps => client.Resource<ConfigMap>();

    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var location = await locator.LocateAsync(grainId, CancellationToken.None).ConfigureAwait(false);
        var map = await ConfigMaps.TryGetAsync(location.Name, location.Namespace).ConfigureAwait(false);
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
        grainState.ETag = map?.Metadata.ResourceVersion;
    }

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var location = await locator.LocateAsync(grainId, CancellationToken.None).ConfigureAwait(false);
        var json = JsonSerializer.Serialize(grainState.State, Json);
        try
        {
            ConfigMap written;
            if (grainState.ETag is null)
            {
                written = await ConfigMaps.CreateAsync(Render(location, stateName, json, resourceVersion: null),
                    options: new WriteOptions { FieldManager = fieldManager }).ConfigureAwait(false);
            }
            else
            {
                var current = await ConfigMaps.TryGetAsync(location.Name, location.Namespace).ConfigureAwait(false)
                              ?? throw Stale(stateName, grainId, null, grainState.ETag);
                if (current.Metadata.ResourceVersion != grainState.ETag) throw Stale(stateName, grainId, current.Metadata.ResourceVersion, grainState.ETag);
                current.Data ??= [];
                current.Data[stateName] = json;
                written = await ConfigMaps.ReplaceAsync(current, new WriteOptions { FieldManager = fieldManager }).ConfigureAwait(false);
            }
            grainState.ETag = written.Metadata.ResourceVersion;
            grainState.RecordExists = true;
        }
        catch (KubernetesApiException e) when (e.IsConflict || e.IsAlreadyExists)
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
                await ConfigMaps.DeleteAsync(location.Name, location.Namespace,
                    new DeleteOptions { Preconditions = new Preconditions { ResourceVersion = grainState.ETag } }).ConfigureAwait(false);
        }
        catch (KubernetesNotFoundException)
        {
        }
        catch (KubernetesApiException e) when (e.IsConflict)
        {
            throw Stale(stateName, grainId, null, grainState.ETag, e);
        }
        grainState.ETag = null;
        grainState.RecordExists = false;
    }

    private ConfigMap Render(GrainStateLocation location, string stateName, string json, string? resourceVersion) => new()
    {
        Metadata = new ObjectMeta
        {
            Name = location.Name,
            Namespace = location.Namespace,
            ResourceVersion = resourceVersion,
            Labels = location.Labels is null ? null : new(location.Labels),
            OwnerReferences = location.Owner is null ? null : [location.Owner],
        },
        Data = new() { [stateName] = json },
    };

    private static InconsistentStateException Stale(string stateName, GrainId grainId, string? stored, string? held, Exception? inner = null) =>
        new($"The state '{stateName}' of {grainId} was changed by someone else since it was read (held resourceVersion {held ?? "none"}"
            + (inner is null ? ")" : $"; {inner.Message})") + ". Another operator may be driving this cluster; re-read the state and retry.",
            stored, held);
}

/// <summary>Where a grain's state lives: the ConfigMap's namespace and name, its labels and owner.</summary>
public sealed record GrainStateLocation(string Namespace, string Name, IReadOnlyDictionary<string, string>? Labels = null, OwnerReference? Owner = null);

/// <summary>Maps a grain identity to the ConfigMap that holds its state.</summary>
public interface IGrainStateLocator
{
    ValueTask<GrainStateLocation> LocateAsync(GrainId grainId, CancellationToken cancellationToken);
}
