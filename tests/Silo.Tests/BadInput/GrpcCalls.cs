using System.Buffers.Binary;
using System.Text;
using Actors.Contracts.Proto;
using Actors.Silo.Tests.Fakes;
using FsCheck;
using FsCheck.Fluent;
using Google.Protobuf;
using Grpc.Core;

namespace Actors.Silo.Tests.BadInput;

/// <summary>
/// Generated gRPC calls to actors.v1.ClusterService that are each wrong in one way: bytes that
/// are no message, fields of the wrong wire type, a message over the limit, metadata without a
/// token that grants the call, a method that does not exist. None may change the cluster.
/// </summary>
public static class GrpcCalls
{
    private const string Service = "/actors.v1.ClusterService/";
    private const string Admin = "Bearer " + TestSilo.AdminToken;
    private const string Reader = "Bearer " + TestSilo.ReadToken;

    private static readonly string[] Reads = ["ListClusters", "GetCluster", "ListEvents", "WatchCluster"];
    private static readonly string[] Writes = ["ScaleBrokers", "RestartCluster", "PauseCluster", "ResumeCluster"];

    /// <summary>A length-prefixed message: flag byte, 4-byte big-endian length, the bytes.</summary>
    public static byte[] Frame(byte[] message, byte flag = 0, int? declaredLength = null)
    {
        var frame = new byte[5 + message.Length];
        frame[0] = flag;
        BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(1, 4), (uint)(declaredLength ?? message.Length));
        message.CopyTo(frame, 5);
        return frame;
    }

    /// <summary>A good request for each method, on kafka/demo; scaling to 7 brokers.</summary>
    public static byte[] GoodRequest(string method) => method switch
    {
        "ListClusters" => new ListClustersRequest { Namespace = "kafka" }.ToByteArray(),
        "ScaleBrokers" => new ScaleBrokersRequest { Namespace = "kafka", Name = "demo", Brokers = 7 }.ToByteArray(),
        _ => new GetClusterRequest { Namespace = "kafka", Name = "demo" }.ToByteArray(), // every other request is {namespace, name}
    };

    private static readonly Gen<byte[]> Bytes =
        from length in Gen.Choose(1, 200)
        from bytes in Gen.ArrayOf(Gen.Choose(0, 255).Select(b => (byte)b), length)
        select bytes;

    /// <summary>Random bytes as the request message of any method, with the admin token.</summary>
    public static readonly Gen<GrpcProbe> RandomMessage =
        from method in Gen.Elements([.. Reads, .. Writes])
        from bytes in Bytes
        select new GrpcProbe("random bytes as a message", Service + method, Admin, Frame(bytes),
            Reads.Contains(method) ? [StatusCode.OK, StatusCode.InvalidArgument, StatusCode.NotFound] : [StatusCode.InvalidArgument, StatusCode.NotFound]);

    // Field 1 (namespace) and 2 (name) are strings, 3 (brokers) an int32: each sent with another wire type.
    private static readonly (string What, byte[] Field)[] WrongTypes =
    [
        ("name as a varint", [0x10, 0x05]),
        ("name as a fixed32", [0x15, 1, 2, 3, 4]),
        ("name as a fixed64", [0x11, 1, 2, 3, 4, 5, 6, 7, 8]),
        ("name as a group", [0x13, 0x14]),
        ("brokers as a string", [0x1A, 0x01, 0x37]),
        ("brokers as a fixed64", [0x19, 7, 0, 0, 0, 0, 0, 0, 0]),
        ("name with invalid UTF-8", [0x12, 0x02, 0xC3, 0x28]),
        ("name cut short", [0x12, 0x10, 0x64]),
        ("a varint of eleven bytes", [0x18, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01]),
        ("field number zero", [0x00, 0x01]),
        ("an end-group tag alone", [0x0C]),
    ];

    /// <summary>A request for kafka/… whose name or count is not there as its type says.</summary>
    public static readonly Gen<GrpcProbe> WrongFieldType =
        from method in Gen.Elements("GetCluster", "ListEvents", "ScaleBrokers", "RestartCluster", "PauseCluster", "ResumeCluster")
        from wrong in Gen.Elements(WrongTypes)
        let message = (byte[])[.. new GetClusterRequest { Namespace = "kafka" }.ToByteArray(), .. wrong.Field]
        select new GrpcProbe(wrong.What, Service + method, Admin, Frame(message), [StatusCode.InvalidArgument]);

    /// <summary>A request over the 64 KiB message limit.</summary>
    public static readonly Gen<GrpcProbe> OverTheLimit =
        from method in Gen.Elements("GetCluster", "ScaleBrokers", "PauseCluster")
        from size in Gen.Choose(64 * 1024, 300 * 1024)
        let message = new ScaleBrokersRequest { Namespace = "kafka", Name = new string('a', size), Brokers = 7 }.ToByteArray()
        select new GrpcProbe($"{message.Length}-byte message", Service + method, Admin, Frame(message), [StatusCode.ResourceExhausted]);

    private static readonly (string? Value, StatusCode Status)[] BadAuthorizations =
    [
        (null, StatusCode.Unauthenticated), ("", StatusCode.Unauthenticated), ("Bearer", StatusCode.Unauthenticated),
        ("Bearer ", StatusCode.Unauthenticated), (TestSilo.AdminToken, StatusCode.Unauthenticated),
        ("Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("admin:" + TestSilo.AdminToken)), StatusCode.Unauthenticated),
        ("Token " + TestSilo.AdminToken, StatusCode.Unauthenticated), (Admin[..^1], StatusCode.Unauthenticated),
        (Admin + "8", StatusCode.Unauthenticated), ("Bearer " + TestSilo.AdminToken.ToUpperInvariant(), StatusCode.Unauthenticated),
        ("Bearer Bearer " + TestSilo.AdminToken, StatusCode.Unauthenticated), ("Bearer " + new string('A', 6000), StatusCode.Unauthenticated),
        (Reader, StatusCode.PermissionDenied), ("bearer " + TestSilo.ReadToken, StatusCode.PermissionDenied),
    ];

    /// <summary>A good write whose metadata does not grant it.</summary>
    public static readonly Gen<GrpcProbe> WriteWithoutAdminToken =
        from method in Gen.Elements(Writes)
        from auth in Gen.Elements(BadAuthorizations)
        select new GrpcProbe("write without the admin token", Service + method, auth.Value, Frame(GoodRequest(method)), [auth.Status]);

    /// <summary>A good read under a bad token (refused) or the admin token (served; a watch is left out, it never ends).</summary>
    public static readonly Gen<GrpcProbe> ReadWithOddToken =
        from method in Gen.Elements(Reads)
        from auth in Gen.Elements(BadAuthorizations.Where(a => a.Status == StatusCode.Unauthenticated)
            .Append((Value: (string?)(method == "WatchCluster" ? "Bearer nope" : Admin), Status: method == "WatchCluster" ? StatusCode.Unauthenticated : StatusCode.OK))
            .ToArray())
        select new GrpcProbe(auth.Status == StatusCode.OK ? "read with the admin token" : "read with a bad token",
            Service + method, auth.Value, Frame(GoodRequest(method)), [auth.Status]);

    /// <summary>A method or service the server does not have.</summary>
    public static readonly Gen<GrpcProbe> UnknownMethod =
        from path in Gen.Elements(
            Service + "DeleteCluster", Service + "GetCluster2", Service + "Get%20Cluster", Service + "Get_Cluster",
            "/actors.v1.BrokerService/GetBroker", "/actors.v2.ClusterService/GetCluster", "/actors.v1.ClusterServices/GetCluster",
            "/grpc.health.v1.Health/Nope", "/" + new string('a', 2000) + "/GetCluster",
            // Method names are case-sensitive on every gRPC server.
            Service + "getcluster", Service + "GETCLUSTER", "/actors.v1.clusterservice/GetCluster", Service + "Get%43luster",
            "/grpc.health.v1.health/Check")
        from token in Gen.Elements<string?>(Admin, Reader, null)
        select new GrpcProbe("unknown method", path, token, Frame(GoodRequest("GetCluster")), [StatusCode.Unimplemented]);

    /// <summary>Any of the above.</summary>
    public static readonly Gen<GrpcProbe> Any =
        Gen.Frequency((4, RandomMessage), (3, WrongFieldType), (1, OverTheLimit), (3, WriteWithoutAdminToken), (2, ReadWithOddToken), (2, UnknownMethod));
}
