using System.Text.Json;

namespace Actors.EndToEnd.Tests.Silo;

/// <summary>What the Python client saw of one unary call: the status code name, details and the response.</summary>
public sealed record GrpcAnswer(string Code, string Details, JsonElement? Response);

/// <summary>
/// One unary call of actors.v1.ClusterService made by Debian's python3-grpcio — a gRPC client the
/// project did not write — started for that call alone. Fails loudly when /usr/bin/python3 or
/// grpcio is missing.
/// </summary>
public static class PythonGrpc
{
    public static async Task<GrpcAnswer> CallAsync(string target, string method, object request, string? token)
    {
        await using var client = await PythonGrpcClient.StartAsync(new Uri($"http://{target}"));
        var reply = await client.UnaryAsync(method, request, token);
        return new GrpcAnswer(reply.Code, reply.Details, reply.Responses.Count > 0 ? reply.Responses[0] : null);
    }
}
