using System.Text.Json.Nodes;

namespace Actors.Emulator.Storage;

/// <summary>One committed change: the object after it (or as it was when deleted) and before it.</summary>
public sealed record StoredEvent(string Type, string StorageKey, long Revision, JsonObject Object, JsonObject? Previous);
