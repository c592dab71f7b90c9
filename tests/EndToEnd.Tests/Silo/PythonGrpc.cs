using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using Actors.Contracts.Proto;
using Google.Protobuf;

namespace Actors.EndToEnd.Tests.Silo;

/// <summary>What the Python client saw of one unary call: the status code name, details and the response.</summary>
public sealed record GrpcAnswer(string Code, string Details, JsonElement? Response);

/// <summary>
/// One unary call of actors.v1.ClusterService made by Debian's python3-grpcio — a gRPC client the
/// project did not write — through tests/Silo.Tests/Grpc/grpc_client.py (one JSON command on
/// stdin, one JSON answer on stdout). Fails loudly when /usr/bin/python3 or grpcio is missing.
/// </summary>
public static class PythonGrpc
{
    private const string Python = "/usr/bin/python3";

    public static async Task<GrpcAnswer> CallAsync(string target, string method, object request, string? token)
    {
        Assert.True(File.Exists(Python), "Debian's /usr/bin/python3 is needed for the gRPC steps (apt-get install python3-grpcio python3-protobuf).");
        var descriptor = Path.GetTempFileName();
        try
        {
            await File.WriteAllBytesAsync(descriptor, ActorsReflection.Descriptor.SerializedData.ToByteArray());
            var info = new ProcessStartInfo(Python)
            {
                RedirectStandardInput = true,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Silo", "grpc_client.py"));
            info.ArgumentList.Add(target);
            info.ArgumentList.Add(descriptor);
            info.Environment.Remove("http_proxy");
            info.Environment.Remove("https_proxy");
            info.Environment.Remove("PYTHONPATH");
            using var process = Process.Start(info)!;
            using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(90));
            var errors = process.StandardError.ReadToEndAsync(bound.Token);
            var ready = await process.StandardOutput.ReadLineAsync(bound.Token);
            if (ready is null || !ready.Contains("\"ready\"", StringComparison.Ordinal))
            {
                process.StandardInput.Close();
                Assert.Fail($"The Python gRPC client did not start (is python3-grpcio installed?): {ready} {await errors}");
            }

            var command = new JsonObject
            {
                ["id"] = 1,
                ["method"] = method,
                ["request"] = JsonSerializer.SerializeToNode(request),
                ["timeout"] = 30.0,
                ["metadata"] = token is null ? new JsonArray() : new JsonArray(new JsonArray("authorization", $"Bearer {token}")),
            };
            await process.StandardInput.WriteLineAsync(command.ToJsonString());
            await process.StandardInput.FlushAsync(bound.Token);
            var line = await process.StandardOutput.ReadLineAsync(bound.Token);
            process.StandardInput.Close();
            await process.WaitForExitAsync(bound.Token);
            if (line is null) Assert.Fail($"The Python gRPC client gave no answer: {await errors}");

            var answer = JsonDocument.Parse(line!).RootElement;
            var responses = answer.GetProperty("responses");
            return new GrpcAnswer(
                answer.GetProperty("code").GetString()!,
                answer.GetProperty("details").GetString()!,
                responses.GetArrayLength() > 0 ? responses[0].Clone() : null);
        }
        finally
        {
            File.Delete(descriptor);
        }
    }
}
