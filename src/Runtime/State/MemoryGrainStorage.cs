using System.Text.Json;

namespace Actors.Runtime;

/// <summary>
/// In-process storage for tests and the embedded mode. Records are kept as JSON so a grain's
/// unsaved edits never leak into what the next activation reads.
/// </summary>
public sealed class MemoryGrainStorage : IGrainStorage
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.General) { IncludeFields = true };
    private readonly Dictionary<(string State, GrainId Grain), (string Json, string ETag)> _records = [];
    private long _version;

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        lock (_records)
        {
            if (_records.TryGetValue((stateName, grainId), out var record))
            {
                grainState.State = JsonSerializer.Deserialize<T>(record.Json, Json)!;
                grainState.ETag = record.ETag;
                grainState.RecordExists = true;
            }
            else
            {
                grainState.State = PersistentState<T>.CreateDefault();
                grainState.ETag = null;
                grainState.RecordExists = false;
            }
        }
        return Task.CompletedTask;
    }

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var json = JsonSerializer.Serialize(grainState.State, Json);
        lock (_records)
        {
            CheckETag(stateName, grainId, grainState.ETag, "write");
            var etag = (++_version).ToString(System.Globalization.CultureInfo.InvariantCulture);
            _records[(stateName, grainId)] = (json, etag);
            grainState.ETag = etag;
            grainState.RecordExists = true;
        }
        return Task.CompletedTask;
    }

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        lock (_records)
        {
            CheckETag(stateName, grainId, grainState.ETag, "clear");
            _records.Remove((stateName, grainId));
            grainState.ETag = null;
            grainState.RecordExists = false;
        }
        return Task.CompletedTask;
    }

    private void CheckETag(string stateName, GrainId grainId, string? held, string verb)
    {
        var stored = _records.TryGetValue((stateName, grainId), out var record) ? record.ETag : null;
        if (stored != held)
            throw new InconsistentStateException(
                $"Cannot {verb} state '{stateName}' of {grainId}: it was changed since it was read (stored ETag {stored ?? "none"}, held ETag {held ?? "none"}). Re-read the state and retry.",
                stored, held);
    }
}
