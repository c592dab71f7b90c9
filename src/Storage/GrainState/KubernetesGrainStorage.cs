using Actors.Kubernetes;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Orleans;
using Orleans.Runtime;
using Orleans.Storage;

namespace Actors.Storage.GrainState;

/// <summary>
/// Orleans grain storage in the Kubernetes API itself, the operator's only durable store: a
/// grain's state is one data key (the state name) of the ConfigMap its <see cref="IGrainStateLocator"/>
/// names, and the ConfigMap's resourceVersion is the ETag. Every change is conditional on the
/// resourceVersion the activation read, so a second activation of the same grain (a second
/// operator, or a silo that lost membership) gets <see cref="InconsistentStateException"/>
/// instead of overwriting a rollout position it never saw.
/// Several states may share one ConfigMap; each write keeps the other keys, labels and owners.
/// A ConfigMap holds at most 1 MiB: this is for small records of intent, not for data.
/// </summary>
public sealed class KubernetesGrainStorage(
    IKubernetes client,
    IGrainStateLocator locator,
    IGrainStorageSerializer serializer,
    string fieldManager) : IGrainStorage
{
    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var location = await locator.LocateAsync(grainId, CancellationToken.None).ConfigureAwait(false);
        var map = await TryReadAsync(location).ConfigureAwait(false);
        if (map?.Data is { } data && data.TryGetValue(stateName, out var text))
        {
            grainState.State = serializer.Deserialize<T>(BinaryData.FromString(text));
            grainState.RecordExists = true;
        }
        else
        {
            grainState.State = Empty<T>();
            grainState.RecordExists = false;
        }
        // The map's version even when this key is absent: a first write then still must not race a
        // write of another state into the same map.
        grainState.ETag = map?.Metadata.ResourceVersion;
    }

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var location = await locator.LocateAsync(grainId, CancellationToken.None).ConfigureAwait(false);
        var text = serializer.Serialize(grainState.State).ToString();
        try
        {
            V1ConfigMap written;
            if (grainState.ETag is null)
            {
                // Create, never replace: a map that appeared since the read is AlreadyExists, a conflict.
                written = await client.CoreV1.CreateNamespacedConfigMapAsync(New(location, stateName, text), location.Namespace,
                    fieldManager: fieldManager).ConfigureAwait(false);
            }
            else
            {
                var current = await ReadHeldAsync(location, stateName, grainId, grainState.ETag).ConfigureAwait(false);
                current.Data ??= new Dictionary<string, string>();
                current.Data[stateName] = text;
                // The PUT carries the resourceVersion checked above: a write in between is the server's 409.
                written = await client.CoreV1.ReplaceNamespacedConfigMapAsync(current, location.Name, location.Namespace,
                    fieldManager: fieldManager).ConfigureAwait(false);
            }
            grainState.ETag = written.Metadata.ResourceVersion;
            grainState.RecordExists = true;
        }
        catch (HttpOperationException e) when (e.IsConflict() || e.IsAlreadyExists())
        {
            throw Stale(stateName, grainId, location, stored: null, grainState.ETag, e);
        }
    }

    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var location = await locator.LocateAsync(grainId, CancellationToken.None).ConfigureAwait(false);
        try
        {
            if (grainState.ETag is null)
            {
                // Nothing was there when read; something there now was written by someone else.
                var appeared = await TryReadAsync(location).ConfigureAwait(false);
                if (appeared?.Data?.ContainsKey(stateName) == true)
                    throw Stale(stateName, grainId, location, appeared.Metadata.ResourceVersion, held: null);
            }
            else
            {
                var current = await ReadHeldAsync(location, stateName, grainId, grainState.ETag).ConfigureAwait(false);
                grainState.ETag = await RemoveAsync(current, stateName, location).ConfigureAwait(false);
            }
        }
        catch (HttpOperationException e) when (e.IsConflict())
        {
            throw Stale(stateName, grainId, location, stored: null, grainState.ETag, e);
        }
        grainState.State = Empty<T>();
        grainState.RecordExists = false;
    }

    /// <summary>
    /// Deletes the map when this state is all it holds, else removes only this key; either way on
    /// the resourceVersion held. Returns the new ETag: none once the map is gone.
    /// </summary>
    private async Task<string?> RemoveAsync(V1ConfigMap current, string stateName, GrainStateLocation location)
    {
        if (current.Data is null || current.Data.Keys.All(key => key == stateName) && current.BinaryData is not { Count: > 0 })
        {
            await client.CoreV1.DeleteNamespacedConfigMapAsync(location.Name, location.Namespace,
                new V1DeleteOptions { Preconditions = new V1Preconditions { ResourceVersion = current.Metadata.ResourceVersion } }).ConfigureAwait(false);
            return null;
        }
        current.Data.Remove(stateName);
        var written = await client.CoreV1.ReplaceNamespacedConfigMapAsync(current, location.Name, location.Namespace,
            fieldManager: fieldManager).ConfigureAwait(false);
        return written.Metadata.ResourceVersion;
    }

    /// <summary>The map as it is now, which must still be the version the activation holds.</summary>
    private async Task<V1ConfigMap> ReadHeldAsync(GrainStateLocation location, string stateName, GrainId grainId, string held)
    {
        var current = await TryReadAsync(location).ConfigureAwait(false)
                      ?? throw Stale(stateName, grainId, location, stored: null, held);
        if (current.Metadata.ResourceVersion != held)
            throw Stale(stateName, grainId, location, current.Metadata.ResourceVersion, held);
        return current;
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

    private static V1ConfigMap New(GrainStateLocation location, string stateName, string text) => new()
    {
        ApiVersion = "v1",
        Kind = "ConfigMap",
        Metadata = new V1ObjectMeta
        {
            Name = location.Name,
            NamespaceProperty = location.Namespace,
            Labels = location.Labels is null ? null : new Dictionary<string, string>(location.Labels),
            OwnerReferences = location.Owner is null ? null : [location.Owner],
        },
        Data = new Dictionary<string, string> { [stateName] = text },
    };

    /// <summary>A state never written: a new T where T can be made, as Orleans' own providers do.</summary>
    private static T Empty<T>() =>
        typeof(T).IsValueType || typeof(T).GetConstructor(Type.EmptyTypes) is not null ? Activator.CreateInstance<T>() : default!;

    private static InconsistentStateException Stale(string stateName, GrainId grainId, GrainStateLocation location, string? stored, string? held, Exception? cause = null) =>
        new($"The state '{stateName}' of {grainId} in ConfigMap {location.Namespace}/{location.Name} changed since this activation read it "
            + $"(held resourceVersion {held ?? "none"}, stored {stored ?? "unknown"}{(cause is null ? "" : "; " + cause.ApiMessage())}). "
            + "Another operator or activation may be driving this grain; deactivate and read the state again.",
            stored ?? "unknown", held ?? "none", cause ?? new InvalidOperationException("stale resourceVersion"));
}
