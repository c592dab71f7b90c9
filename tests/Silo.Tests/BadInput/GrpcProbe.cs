using Grpc.Core;

namespace Actors.Silo.Tests.BadInput;

/// <summary>
/// One generated gRPC call as bytes on h2c — a method path, the authorization metadata and the
/// request body (usually one length-prefixed message) — with the status codes that would say
/// what is wrong with it.
/// </summary>
public sealed record GrpcProbe(string What, string Path, string? Authorization, byte[] Body, StatusCode[] Expected)
{
    public override string ToString() =>
        $"{What}: {Path} auth='{Shorten(Authorization ?? "(none)")}' {Body.Length} bytes [{Convert.ToHexString(Body.AsSpan(0, Math.Min(Body.Length, 24)))}]; expected {string.Join('/', Expected)}";

    private static string Shorten(string value) => value.Length <= 60 ? value : value[..57] + "...";
}
