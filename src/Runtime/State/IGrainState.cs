namespace Actors.Runtime;

/// <summary>A grain's state as a storage provider reads and writes it.</summary>
public interface IGrainState<T>
{
    T State { get; set; }

    /// <summary>Opaque version of the stored record, compared only for equality; null when none is stored.</summary>
    string? ETag { get; set; }

    bool RecordExists { get; set; }
}
