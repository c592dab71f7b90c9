using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Actors.Kubernetes.Tests;

/// <summary>What the client sent, as the server received it.</summary>
public sealed record RecordedRequest(string Method, string PathAndQuery, IReadOnlyDictionary<string, string> Headers, string Body, string? ClientCertificateSubject)
{
    public string RequestLine => $"{Method} {PathAndQuery}";
    public string? Header(string name) => Headers.TryGetValue(name.ToLowerInvariant(), out var v) ? v : null;
}

/// <summary>
/// A stand-in API server: Kestrel on 127.0.0.1 with TLS from a test CA and bearer-token auth.
/// Each request takes the next scripted answer in order; requests are recorded.
/// </summary>
public sealed class ScriptedApiServer : IAsyncDisposable
{
    public const string Token = "test-token-1";

    private readonly WebApplication _app;
    private readonly ConcurrentQueue<Func<HttpContext, Task>> _script = new();
    private readonly Channel<RecordedRequest> _arrivals = Channel.CreateUnbounded<RecordedRequest>();
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();

    private ScriptedApiServer(WebApplication app) => _app = app;

    public Uri Url { get; private set; } = null!;

    /// <summary>The bearer tokens accepted; null accepts any request (even without a token).</summary>
    public HashSet<string>? AcceptedTokens { get; set; } = [Token];

    public IReadOnlyList<RecordedRequest> Requests => [.. _requests];

    /// <summary>Answers when the script is empty (default: 500 "unscripted").</summary>
    public Func<HttpContext, Task>? Fallback { get; set; }

    public static async Task<ScriptedApiServer> StartAsync(X509Certificate2 serverCertificate, bool requireClientCertificate = false)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen => listen.UseHttps(https =>
        {
            https.ServerCertificate = serverCertificate;
            if (requireClientCertificate)
            {
                https.ClientCertificateMode = ClientCertificateMode.RequireCertificate;
                https.AllowAnyClientCertificate();
            }
        })));
        var app = builder.Build();
        var server = new ScriptedApiServer(app);
        app.Run(server.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.Url = new Uri(address.Replace("[::]", "127.0.0.1"));
        return server;
    }

    private async Task HandleAsync(HttpContext context)
    {
        var body = await new StreamReader(context.Request.Body, Encoding.UTF8).ReadToEndAsync();
        var headers = context.Request.Headers.ToDictionary(h => h.Key.ToLowerInvariant(), h => h.Value.ToString());
        var subject = context.Connection.ClientCertificate?.Subject;
        var recorded = new RecordedRequest(context.Request.Method, context.Request.Path + context.Request.QueryString, headers, body, subject);
        _requests.Enqueue(recorded);
        _arrivals.Writer.TryWrite(recorded);

        if (AcceptedTokens is { } accepted)
        {
            var authorization = context.Request.Headers.Authorization.ToString();
            if (!authorization.StartsWith("Bearer ", StringComparison.Ordinal) || !accepted.Contains(authorization["Bearer ".Length..]))
            {
                await Write(context, 401, """{"kind":"Status","apiVersion":"v1","status":"Failure","message":"Unauthorized","reason":"Unauthorized","code":401}""");
                return;
            }
        }
        if (_script.TryDequeue(out var answer)) await answer(context);
        else if (Fallback is { } fallback) await fallback(context);
        else await Write(context, 500, $$"""{"kind":"Status","status":"Failure","message":"unscripted request {{recorded.RequestLine}}","code":500}""");
    }

    /// <summary>The next request that arrives (including ones already arrived and not yet taken).</summary>
    public async Task<RecordedRequest> NextRequestAsync() =>
        await _arrivals.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(30));

    public ScriptedApiServer Then(Func<HttpContext, Task> answer)
    {
        _script.Enqueue(answer);
        return this;
    }

    public ScriptedApiServer ThenJson(int status, string json, params (string Name, string Value)[] headers) =>
        Then(context =>
        {
            foreach (var (name, value) in headers) context.Response.Headers[name] = value;
            return Write(context, status, json);
        });

    public ScriptedApiServer ThenText(int status, string text, string contentType = "text/plain") =>
        Then(async context =>
        {
            context.Response.StatusCode = status;
            context.Response.ContentType = contentType;
            await context.Response.WriteAsync(text);
        });

    public ScriptedApiServer ThenStatus(int code, string reason, string message, params (string Name, string Value)[] headers) =>
        ThenJson(code, $$"""{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"{{message}}","reason":"{{reason}}","code":{{code}}}""", headers);

    /// <summary>A watch response the test feeds line by line, then ends or drops.</summary>
    public WatchStream ThenWatch()
    {
        var stream = new WatchStream();
        Then(stream.ServeAsync);
        return stream;
    }

    public static Task Write(HttpContext context, int status, string json)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync(json);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync(TimeSpan.FromSeconds(5) is var t ? new CancellationTokenSource(t).Token : default);
        await _app.DisposeAsync();
    }
}

/// <summary>The server side of one watch request, driven by the test.</summary>
public sealed class WatchStream
{
    private readonly Channel<string?> _lines = Channel.CreateUnbounded<string?>();
    private readonly TaskCompletionSource _opened = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private bool _drop;

    public Task Opened => _opened.Task.WaitAsync(TimeSpan.FromSeconds(30));

    public WatchStream Send(string type, string objectJson)
    {
        _lines.Writer.TryWrite($$"""{"type":"{{type}}","object":{{objectJson}}}""");
        return this;
    }

    /// <summary>Any line, as it is (a broken stream sends what is no event).</summary>
    public WatchStream SendLine(string line)
    {
        _lines.Writer.TryWrite(line);
        return this;
    }

    /// <summary>Ends the response normally, as a server-side timeout does.</summary>
    public void End() => _lines.Writer.TryComplete();

    /// <summary>Aborts the connection mid-stream.</summary>
    public void Drop()
    {
        _drop = true;
        _lines.Writer.TryComplete();
    }

    internal async Task ServeAsync(HttpContext context)
    {
        context.Response.StatusCode = 200;
        context.Response.ContentType = "application/json";
        await context.Response.StartAsync();
        await context.Response.Body.FlushAsync();
        _opened.TrySetResult();
        try
        {
            await foreach (var line in _lines.Reader.ReadAllAsync(context.RequestAborted))
            {
                await context.Response.WriteAsync(line + "\n", context.RequestAborted);
                await context.Response.Body.FlushAsync(context.RequestAborted);
            }
        }
        catch (OperationCanceledException)
        {
            return;
        }
        if (_drop) context.Abort();
    }
}
