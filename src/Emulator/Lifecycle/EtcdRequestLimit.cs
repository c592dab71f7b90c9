using System.Text;
using System.Text.Json.Nodes;
using Actors.Emulator.Handlers;
using Actors.Emulator.Storage;

namespace Actors.Emulator.Lifecycle;

/// <summary>
/// etcd refuses a request above its default --max-request-bytes (1.5 MiB), and kube-apiserver passes
/// that refusal on as it is: a 500 Status without a reason saying "etcdserver: request is too large".
/// The emulator measures the stored object's JSON (built-ins are stored as protobuf, a little smaller).
/// </summary>
internal static class EtcdRequestLimit
{
    public const int Bytes = 1536 * 1024;

    public static void Check(JsonObject obj)
    {
        if (Encoding.UTF8.GetByteCount(Json.Serialize(obj)) > Bytes)
            throw new ApiError(500, "", "etcdserver: request is too large");
    }
}
