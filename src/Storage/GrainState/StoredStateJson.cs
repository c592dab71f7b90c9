using System.Text.Json;
using Orleans.Storage;

namespace Actors.Storage.GrainState;

/// <summary>
/// The format of a state inside its ConfigMap: System.Text.Json with the web defaults (camelCase
/// names; enums as the types themselves declare). It is the format the operator's previous
/// build wrote, so an operator upgraded in the middle of a roll reads the position it must resume
/// from. It is also text an engineer can read with <c>kubectl get configmap -o yaml</c> during an
/// incident, and named fields tolerate a field added or removed between builds. Orleans' binary
/// codecs are for messages between live silos, not for records every future build must read.
/// </summary>
public sealed class StoredStateJson : IGrainStorageSerializer
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    public BinaryData Serialize<T>(T? input) => BinaryData.FromBytes(JsonSerializer.SerializeToUtf8Bytes(input, Options));

    public T Deserialize<T>(BinaryData input) => JsonSerializer.Deserialize<T>(input.ToMemory().Span, Options)!;
}
