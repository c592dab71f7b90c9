using System.Text;
using System.Text.Json.Nodes;
using Actors.Emulator.Storage;

namespace Actors.Emulator.Protobuf;

/// <summary>
/// Decodes the Kubernetes protobuf envelope ("k8s\0" + runtime.Unknown) for the few built-in kinds
/// kubectl's typed commands send as protobuf (<c>kubectl create namespace|configmap|secret|serviceaccount</c>),
/// into the same JSON the rest of the emulator stores. Other kinds are refused with 415 by the caller.
/// </summary>
internal static class ProtobufObjects
{
    public const string ContentType = "application/vnd.kubernetes.protobuf";
    static readonly byte[] Magic = [0x6b, 0x38, 0x73, 0x00];

    public static bool Supports(ResourceType type) =>
        type.Group.Length == 0 && type.Plural is "namespaces" or "configmaps" or "secrets" or "serviceaccounts";

    public static JsonObject Decode(ResourceType type, byte[] body)
    {
        if (body.Length < 4 || !body.AsSpan(0, 4).SequenceEqual(Magic)) throw new FormatException("missing the k8s protobuf prefix");
        var envelope = new WireReader(body.AsSpan(4));
        var obj = new JsonObject { ["apiVersion"] = type.GroupVersion, ["kind"] = type.Kind };
        ReadOnlySpan<byte> raw = default;
        while (!envelope.End)
        {
            var (field, wire) = envelope.Tag();
            if (field == 2 && wire == 2) raw = envelope.Bytes();
            else envelope.Skip(wire);
        }
        var reader = new WireReader(raw);
        while (!reader.End)
        {
            var (field, wire) = reader.Tag();
            switch (type.Plural, field, wire)
            {
                case (_, 1, 2): obj["metadata"] = Metadata(reader.Bytes()); break;
                case ("configmaps", 2, 2): AddEntry(obj.Child("data"), reader.Bytes(), binary: false); break;
                case ("configmaps", 3, 2): AddEntry(obj.Child("binaryData"), reader.Bytes(), binary: true); break;
                case ("configmaps", 4, 0): obj["immutable"] = reader.Varint() != 0; break;
                case ("secrets", 2, 2): AddEntry(obj.Child("data"), reader.Bytes(), binary: true); break;
                case ("secrets", 3, 2): obj["type"] = Text(reader.Bytes()); break;
                case ("secrets", 4, 2): AddEntry(obj.Child("stringData"), reader.Bytes(), binary: false); break;
                case ("secrets", 5, 0): obj["immutable"] = reader.Varint() != 0; break;
                case ("namespaces", 2, 2): obj["spec"] = NamespaceSpec(reader.Bytes()); break;
                case ("serviceaccounts", 4, 0): obj["automountServiceAccountToken"] = reader.Varint() != 0; break;
                default: reader.Skip(wire); break;
            }
        }
        // stringData is write-only: like the API server, fold it into data.
        if (obj["stringData"] is JsonObject stringData)
        {
            var data = obj.Child("data");
            foreach (var (k, v) in stringData) data[k] = Convert.ToBase64String(Encoding.UTF8.GetBytes(v?.GetValue<string>() ?? ""));
            obj.Remove("stringData");
        }
        return obj;
    }

    static string Text(ReadOnlySpan<byte> b) => Encoding.UTF8.GetString(b);

    static void AddEntry(JsonObject target, ReadOnlySpan<byte> entry, bool binary)
    {
        var reader = new WireReader(entry);
        string key = "", value = "";
        while (!reader.End)
        {
            var (field, wire) = reader.Tag();
            if (field == 1 && wire == 2) key = Text(reader.Bytes());
            else if (field == 2 && wire == 2) { var b = reader.Bytes(); value = binary ? Convert.ToBase64String(b) : Text(b); }
            else reader.Skip(wire);
        }
        target[key] = value;
    }

    static JsonObject NamespaceSpec(ReadOnlySpan<byte> b)
    {
        var reader = new WireReader(b);
        var finalizers = new JsonArray();
        while (!reader.End)
        {
            var (field, wire) = reader.Tag();
            if (field == 1 && wire == 2) finalizers.Add(Text(reader.Bytes()));
            else reader.Skip(wire);
        }
        return new JsonObject { ["finalizers"] = finalizers };
    }

    static JsonObject Metadata(ReadOnlySpan<byte> b)
    {
        var reader = new WireReader(b);
        var meta = new JsonObject();
        while (!reader.End)
        {
            var (field, wire) = reader.Tag();
            switch (field, wire)
            {
                case (1, 2): meta["name"] = Text(reader.Bytes()); break;
                case (2, 2): meta["generateName"] = Text(reader.Bytes()); break;
                case (3, 2): meta["namespace"] = Text(reader.Bytes()); break;
                case (5, 2): meta["uid"] = Text(reader.Bytes()); break;
                case (6, 2): meta["resourceVersion"] = Text(reader.Bytes()); break;
                case (11, 2): AddEntry(meta.Child("labels"), reader.Bytes(), binary: false); break;
                case (12, 2): AddEntry(meta.Child("annotations"), reader.Bytes(), binary: false); break;
                case (13, 2):
                    var refs = meta["ownerReferences"] as JsonArray ?? new JsonArray();
                    meta["ownerReferences"] = refs;
                    refs.Add(OwnerReference(reader.Bytes()));
                    break;
                case (14, 2):
                    var finalizers = meta["finalizers"] as JsonArray ?? new JsonArray();
                    meta["finalizers"] = finalizers;
                    finalizers.Add(Text(reader.Bytes()));
                    break;
                default: reader.Skip(wire); break;
            }
        }
        foreach (var key in new[] { "name", "generateName", "namespace", "uid", "resourceVersion" })
            if (meta[key] is JsonValue v && v.GetValue<string>().Length == 0) meta.Remove(key);
        return meta;
    }

    static JsonObject OwnerReference(ReadOnlySpan<byte> b)
    {
        var reader = new WireReader(b);
        var owner = new JsonObject();
        while (!reader.End)
        {
            var (field, wire) = reader.Tag();
            switch (field, wire)
            {
                case (1, 2): owner["kind"] = Text(reader.Bytes()); break;
                case (3, 2): owner["name"] = Text(reader.Bytes()); break;
                case (4, 2): owner["uid"] = Text(reader.Bytes()); break;
                case (5, 2): owner["apiVersion"] = Text(reader.Bytes()); break;
                case (6, 0): owner["controller"] = reader.Varint() != 0; break;
                case (7, 0): owner["blockOwnerDeletion"] = reader.Varint() != 0; break;
                default: reader.Skip(wire); break;
            }
        }
        return owner;
    }
}
