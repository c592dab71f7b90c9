using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Actors.Kubernetes;

/// <summary>
/// A thin client of the Kubernetes REST API. Every request goes through one pipeline: the
/// client-side rate limiter, the bearer token, a span and the rest_client_* metrics, the
/// request deadline, Retry-After on 429, and the mapping of every non-2xx answer to a
/// <see cref="KubernetesApiException"/>. Verbs live on <see cref="Resource{T}()"/>.
/// </summary>
public sealed partial class KubernetesClient : IDisposable
{
    private readonly HttpClient _http;
    private readonly TokenBucket _limiter;
    private readonly TimeProvider _time;

    public KubernetesClient(KubernetesClientConfiguration configuration, HttpMessageHandler? handler = null)
    {
        Configuration = configuration;
        _time = configuration.TimeProvider;
        _http = new HttpClient(handler ?? KubernetesHttpHandler.Create(configuration), disposeHandler: true)
        {
            BaseAddress = configuration.Server,
            Timeout = Timeout.InfiniteTimeSpan, // deadlines are per request; watches have none
        };
        _limiter = new TokenBucket(configuration.Qps, configuration.Burst, _time);
    }

    public KubernetesClientConfiguration Configuration { get; }

    /// <summary>Verbs on a built-in or custom kind that knows its own <see cref="ResourceType"/>.</summary>
    public ResourceClient<T> Resource<T>() where T : class, IKubernetesResource => new(this, T.ResourceType);

    /// <summary>Verbs on a kind described at run time (a custom resource, or <see cref="GenericResource"/>).</summary>
    public ResourceClient<T> Resource<T>(ResourceType type) where T : class, IKubernetesObject => new(this, type);

    /// <summary>
    /// The escape hatch: any method on any path (with its query), a JSON body, the JSON answer.
    /// Errors map to <see cref="KubernetesApiException"/> like every other call.
    /// </summary>
    public async Task<JsonNode?> SendAsync(HttpMethod method, string pathAndQuery, JsonNode? body = null,
        string contentType = "application/json", CancellationToken cancellationToken = default)
    {
        var bytes = body is null ? null : JsonSerializer.SerializeToUtf8Bytes(body, KubernetesJson.Options);
        return await SendAsync(new KubernetesRequest(method, pathAndQuery, bytes, body is null ? null : contentType),
            static utf8 => utf8.Length == 0 ? null : JsonNode.Parse(utf8), cancellationToken).ConfigureAwait(false);
    }

    internal Task<TResult> SendAsync<TResult>(KubernetesRequest request, Func<byte[], TResult> read, CancellationToken cancellationToken) =>
        ExecuteAsync(request, async (response, token) =>
        {
            using (response)
                return read(await response.Content.ReadAsByteArrayAsync(token).ConfigureAwait(false));
        }, cancellationToken);

    /// <summary>Opens a streaming response (a watch): no deadline, the caller owns and disposes it.</summary>
    internal Task<HttpResponseMessage> OpenStreamAsync(KubernetesRequest request, CancellationToken cancellationToken) =>
        ExecuteAsync(request with { IsWatch = true }, static (response, _) => Task.FromResult(response), cancellationToken);

    /// <summary>
    /// Sends the request until it succeeds or fails for good. Each attempt (send and read) has
    /// its own deadline; the waits between attempts (Retry-After) do not count against it.
    /// </summary>
    private async Task<TResult> ExecuteAsync<TResult>(KubernetesRequest request, Func<HttpResponseMessage, CancellationToken, Task<TResult>> onSuccess, CancellationToken cancellationToken)
    {
        var method = request.Method.Method;
        var refreshedToken = false;
        for (var attempt = 0; ; attempt++)
        {
            var waitStarted = _time.GetTimestamp();
            await _limiter.WaitAsync(cancellationToken).ConfigureAwait(false);
            if (!_limiter.Unlimited) KubernetesTelemetry.RateLimiterWait.Record(_time.GetElapsedTime(waitStarted).TotalSeconds);

            using var deadline = new CancellationTokenSource(request.IsWatch ? Timeout.InfiniteTimeSpan : Configuration.RequestTimeout, _time);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
            KubernetesApiException error;
            try
            {
                using var activity = KubernetesTelemetry.Source.StartActivity($"{method} {RouteOf(request.PathAndQuery)}", ActivityKind.Client);
                activity?.SetTag("http.request.method", method);
                activity?.SetTag("url.path", PathOf(request.PathAndQuery));
                activity?.SetTag("server.address", Configuration.Server.Host);
                if (attempt > 0) activity?.SetTag("http.request.resend_count", attempt);

                using var message = await BuildMessageAsync(request, linked.Token).ConfigureAwait(false);
                var started = _time.GetTimestamp();
                HttpResponseMessage response;
                try
                {
                    response = await _http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, linked.Token).ConfigureAwait(false);
                }
                catch (Exception e)
                {
                    KubernetesTelemetry.Record(method, "<error>", _time.GetElapsedTime(started));
                    activity?.SetStatus(ActivityStatusCode.Error, e.Message);
                    throw;
                }
                var code = (int)response.StatusCode;
                KubernetesTelemetry.Record(method, code.ToString(System.Globalization.CultureInfo.InvariantCulture), _time.GetElapsedTime(started));
                activity?.SetTag("http.response.status_code", code);
                if (response.IsSuccessStatusCode) return await onSuccess(response, linked.Token).ConfigureAwait(false);

                using (response)
                {
                    activity?.SetStatus(ActivityStatusCode.Error);
                    error = await ReadErrorAsync(request, response, linked.Token).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                throw new TimeoutException($"{method} {request.PathAndQuery} got no answer within {Configuration.RequestTimeout.TotalSeconds:0.#}s from {Configuration.Server}.");
            }

            if (error.IsUnauthorized && !refreshedToken && Configuration.Token is { } token)
            {
                // A rotated service-account token: drop the cached one and try once more.
                token.Invalidate();
                refreshedToken = true;
                continue;
            }
            if (RetryDelay(error, attempt) is not { } delay) throw error;
            await Task.Delay(delay, _time, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>How long to wait before retrying, or null to give up: 429 and 5xx that carry Retry-After.</summary>
    private TimeSpan? RetryDelay(KubernetesApiException error, int attempt)
    {
        if (attempt >= Configuration.MaxRetryAfterAttempts) return null;
        if (error.IsTooManyRequests) return Min(error.RetryAfter ?? TimeSpan.FromSeconds(1), Configuration.MaxRetryAfterDelay);
        if (error.IsServerError && error.RetryAfter is { } after) return Min(after, Configuration.MaxRetryAfterDelay);
        return null;
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    private async Task<HttpRequestMessage> BuildMessageAsync(KubernetesRequest request, CancellationToken cancellationToken)
    {
        var message = new HttpRequestMessage(request.Method, new Uri(request.PathAndQuery.TrimStart('/'), UriKind.Relative));
        message.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        message.Headers.UserAgent.ParseAdd(Configuration.UserAgent);
        if (Configuration.Token is { } source && await source.GetTokenAsync(cancellationToken).ConfigureAwait(false) is { Length: > 0 } token)
            message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (request.Body is not null)
        {
            message.Content = new ByteArrayContent(request.Body);
            message.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(request.ContentType ?? "application/json");
        }
        return message;
    }

    private async Task<KubernetesApiException> ReadErrorAsync(KubernetesRequest request, HttpResponseMessage response, CancellationToken cancellationToken)
    {
        string text;
        try
        {
            text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException)
        {
            text = "";
        }
        var status = ErrorStatus.From(response.StatusCode, response.ReasonPhrase, text);
        return KubernetesApiException.For(response.StatusCode, status, request.Method.Method, PathOf(request.PathAndQuery), RetryAfterOf(response, status));
    }

    private TimeSpan? RetryAfterOf(HttpResponseMessage response, Status status)
    {
        if (response.Headers.RetryAfter is { } header)
        {
            if (header.Delta is { } delta) return delta;
            if (header.Date is { } date) return date - _time.GetUtcNow() is var wait && wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
        }
        return status.Details?.RetryAfterSeconds is int seconds ? TimeSpan.FromSeconds(seconds) : null;
    }

    private static string PathOf(string pathAndQuery)
    {
        var q = pathAndQuery.IndexOf('?');
        return q < 0 ? pathAndQuery : pathAndQuery[..q];
    }

    /// <summary>A low-cardinality span name: namespaces and object names become placeholders.</summary>
    internal static string RouteOf(string pathAndQuery)
    {
        var segments = PathOf(pathAndQuery).Split('/', StringSplitOptions.RemoveEmptyEntries);
        var prefix = segments.Length > 0 && segments[0] == "api" ? 2 : segments.Length > 0 && segments[0] == "apis" ? 3 : segments.Length;
        var rest = segments.AsSpan(Math.Min(prefix, segments.Length));
        if (rest.Length >= 2 && rest[0] == "namespaces")
        {
            rest[1] = rest.Length == 2 ? "{name}" : "{namespace}";
            rest = rest[2..];
        }
        if (rest.Length >= 2) rest[1] = "{name}";
        return "/" + string.Join('/', segments);
    }

    public void Dispose() => _http.Dispose();
}
