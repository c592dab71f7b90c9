using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using Actors.Contracts.Proto;
using Google.Protobuf;

namespace Actors.Testing;

/// <summary>What the Python client saw of one call.</summary>
public sealed record GrpcReply(string Code, string Details, IReadOnlyList<JsonElement> Responses, IReadOnlyList<(string Key, string Value)> Trailing);

/// <summary>A server-streaming call in flight.</summary>
public sealed class GrpcStream
{
    private readonly Lock gate = new();
    private readonly List<(int Count, TaskCompletionSource Signal)> waiters = [];
    private int received;

    public required Task<GrpcReply> Completion { get; init; }

    /// <summary>Completes once the client has received <paramref name="count"/> messages.</summary>
    public Task ReceivedAsync(int count)
    {
        lock (gate)
        {
            if (received >= count)
            {
                return Task.CompletedTask;
            }

            var signal = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            waiters.Add((count, signal));
            return Task.WhenAny(signal.Task, Completion).Unwrap().WaitAsync(TimeSpan.FromSeconds(60))
                .ContinueWith(_ => Assert.True(Volatile.Read(ref received) >= count, $"the stream ended after {received} of {count} messages"));
        }
    }

    internal void Received(int count)
    {
        lock (gate)
        {
            received = count;
            foreach (var waiter in waiters.Where(w => w.Count <= count).ToList())
            {
                waiter.Signal.TrySetResult();
                waiters.Remove(waiter);
            }
        }
    }
}

/// <summary>
/// Drives grpc_client.py — Debian's python3-grpcio — as a separate process: one JSON command
/// per call on its stdin, one JSON answer per call on its stdout. Several calls may be in
/// flight at once (a watch, while the test publishes changes). Fails loudly when
/// /usr/bin/python3 or python3-grpcio is missing: these tests need the real client.
/// </summary>
public sealed class PythonGrpcClient : IAsyncDisposable
{
    private readonly Process process;
    private readonly ConcurrentDictionary<int, TaskCompletionSource<GrpcReply>> pending = new();
    private readonly ConcurrentDictionary<int, GrpcStream> streams = new();
    private readonly string descriptorPath;
    private readonly Task reading;
    private int nextId;

    private PythonGrpcClient(Process process, string descriptorPath)
    {
        this.process = process;
        this.descriptorPath = descriptorPath;
        reading = Task.Run(ReadAnswersAsync);
    }

    public static async Task<PythonGrpcClient> StartAsync(Uri grpc)
    {
        const string python = "/usr/bin/python3";
        Assert.True(File.Exists(python), "Debian's /usr/bin/python3 is needed for the gRPC tests (apt-get install python3-grpcio python3-protobuf).");
        var descriptorPath = Path.GetTempFileName();
        await File.WriteAllBytesAsync(descriptorPath, ActorsReflection.Descriptor.SerializedData.ToByteArray());

        var start = new ProcessStartInfo(python)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Grpc", "grpc_client.py"));
        start.ArgumentList.Add($"{grpc.Host}:{grpc.Port}");
        start.ArgumentList.Add(descriptorPath);
        start.Environment.Remove("http_proxy");
        start.Environment.Remove("https_proxy");
        start.Environment.Remove("PYTHONPATH");
        var process = Process.Start(start)!;

        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var first = await process.StandardOutput.ReadLineAsync(limit.Token);
        if (first is null || !first.Contains("\"ready\"", StringComparison.Ordinal))
        {
            var errors = await process.StandardError.ReadToEndAsync(limit.Token);
            Assert.Fail($"The Python gRPC client did not start (is python3-grpcio installed?): {first} {errors}");
        }

        return new PythonGrpcClient(process, descriptorPath);
    }

    public Task<GrpcReply> UnaryAsync(string method, object request, string? token = null, double? timeout = 30, string? compression = null) =>
        SendAsync(new JsonObject
        {
            ["method"] = method,
            ["request"] = JsonSerializer.SerializeToNode(request),
            ["compression"] = compression,
        }, token, timeout);

    /// <summary>Sends bytes as the request message, whatever they are.</summary>
    public Task<GrpcReply> RawAsync(string method, byte[] message, string? token = null) =>
        SendAsync(new JsonObject { ["method"] = method, ["raw"] = Convert.ToHexString(message) }, token, 30);

    /// <summary>A unary call to any path, e.g. a method the server does not have.</summary>
    public Task<GrpcReply> PathAsync(string path, byte[] message, string? token = null) =>
        SendAsync(new JsonObject { ["method"] = "", ["path"] = path, ["raw"] = Convert.ToHexString(message) }, token, 30);

    /// <summary>
    /// A server-streaming call. With <paramref name="take"/>, the client cancels after that many
    /// messages (Code "TAKEN"); otherwise it reads until the server ends the call.
    /// </summary>
    public Task<GrpcReply> StreamAsync(string method, object request, string? token = null, int? take = null, double? timeout = 60) =>
        Stream(method, request, token, take, timeout).Completion;

    /// <summary>Like <see cref="StreamAsync"/>, with a handle to follow the messages as they arrive.</summary>
    public GrpcStream Stream(string method, object request, string? token = null, int? take = null, double? timeout = 60)
    {
        var id = Interlocked.Increment(ref nextId);
        var answer = new TaskCompletionSource<GrpcReply>(TaskCreationOptions.RunContinuationsAsynchronously);
        var stream = new GrpcStream { Completion = answer.Task.WaitAsync(TimeSpan.FromSeconds(120)) };
        streams[id] = stream;
        Send(new JsonObject
        {
            ["method"] = method,
            ["request"] = JsonSerializer.SerializeToNode(request),
            ["streaming"] = true,
            ["take"] = take,
        }, token, timeout, id, answer);
        return stream;
    }

    private Task<GrpcReply> SendAsync(JsonObject command, string? token, double? timeout)
    {
        var answer = new TaskCompletionSource<GrpcReply>(TaskCreationOptions.RunContinuationsAsynchronously);
        Send(command, token, timeout, Interlocked.Increment(ref nextId), answer);
        return answer.Task.WaitAsync(TimeSpan.FromSeconds(120));
    }

    private void Send(JsonObject command, string? token, double? timeout, int id, TaskCompletionSource<GrpcReply> answer)
    {
        command["id"] = id;
        command["timeout"] = timeout;
        command["metadata"] = token is null ? new JsonArray() : new JsonArray(new JsonArray("authorization", $"Bearer {token}"));
        pending[id] = answer;
        lock (process)
        {
            process.StandardInput.WriteLine(command.ToJsonString());
            process.StandardInput.Flush();
        }
    }

    private async Task ReadAnswersAsync()
    {
        while (await process.StandardOutput.ReadLineAsync() is { } line)
        {
            var answer = JsonDocument.Parse(line).RootElement;
            var id = answer.GetProperty("id").GetInt32();
            if (answer.TryGetProperty("received", out var received))
            {
                if (streams.TryGetValue(id, out var stream))
                {
                    stream.Received(received.GetInt32());
                }

                continue;
            }

            streams.TryRemove(id, out _);
            var trailing = answer.TryGetProperty("trailing", out var t)
                ? t.EnumerateArray().Select(kv => (kv[0].GetString()!, kv[1].GetString()!)).ToList()
                : [];
            var reply = new GrpcReply(
                answer.GetProperty("code").GetString()!,
                answer.GetProperty("details").GetString()!,
                answer.GetProperty("responses").EnumerateArray().Select(r => r.Clone()).ToList(),
                trailing);
            if (pending.TryRemove(id, out var waiting))
            {
                waiting.TrySetResult(reply);
            }
        }

        foreach (var waiting in pending.Values)
        {
            waiting.TrySetException(new InvalidOperationException("The Python gRPC client exited."));
        }
    }

    public async ValueTask DisposeAsync()
    {
        process.StandardInput.Close();
        if (!process.WaitForExit(10_000))
        {
            process.Kill();
        }

        await reading.WaitAsync(TimeSpan.FromSeconds(10)).ContinueWith(_ => { });
        process.Dispose();
        File.Delete(descriptorPath);
    }
}
