using System.Diagnostics;
using System.Globalization;
using System.Net;

namespace Actors.Kubernetes;

/// <summary>
/// What every request to the API server goes through that the official client does not do:
/// the client-side rate limiter, a deadline per attempt, Retry-After on 429 (and on a 5xx that
/// carries one), a span per request and the rest_client_* metrics. Placed in the client's
/// handler chain by <see cref="KubernetesClients.Create"/>, after the library set credentials.
/// </summary>
public sealed class RequestPolicyHandler : DelegatingHandler
{
    private readonly ClientPolicy _policy;
    private readonly TokenBucket _limiter;
    private readonly string? _server;

    public RequestPolicyHandler(ClientPolicy policy, string? server = null)
    {
        _policy = policy;
        _limiter = new TokenBucket(policy.Qps, policy.Burst, policy.TimeProvider);
        _server = server is null ? null : Uri.TryCreate(server, UriKind.Absolute, out var uri) ? uri.Host : server;
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var time = _policy.TimeProvider;
        var method = request.Method.Method;
        var path = request.RequestUri?.AbsolutePath ?? "/";
        var isWatch = IsWatch(request.RequestUri);
        // A retried request needs its body again: buffer it once.
        var body = request.Content is null ? null : await request.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        for (var attempt = 0; ; attempt++)
        {
            var waitStarted = time.GetTimestamp();
            await _limiter.WaitAsync(cancellationToken).ConfigureAwait(false);
            if (!_limiter.Unlimited) KubernetesTelemetry.RateLimiterWait.Record(time.GetElapsedTime(waitStarted).TotalSeconds);

            using var attemptMessage = attempt == 0 ? null : Copy(request, body);
            var message = attemptMessage ?? request;
            if (attempt == 0 && body is not null) message.Content = Content(request.Content!, body);

            using var activity = KubernetesTelemetry.Source.StartActivity($"{method} {ApiRoute.Of(path)}", ActivityKind.Client);
            activity?.SetTag("http.request.method", method);
            activity?.SetTag("url.path", path);
            if (_server is not null) activity?.SetTag("server.address", _server);
            if (attempt > 0) activity?.SetTag("http.request.resend_count", attempt);

            using var deadline = new CancellationTokenSource(isWatch ? Timeout.InfiniteTimeSpan : _policy.RequestTimeout, time);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
            var started = time.GetTimestamp();
            HttpResponseMessage response;
            try
            {
                response = await base.SendAsync(message, linked.Token).ConfigureAwait(false);
            }
            catch (Exception e)
            {
                KubernetesTelemetry.Record(method, "<error>", time.GetElapsedTime(started));
                activity?.SetStatus(ActivityStatusCode.Error, e.Message);
                if (e is OperationCanceledException && deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
                    throw new TimeoutException($"{method} {path} got no answer within {_policy.RequestTimeout.TotalSeconds:0.#}s from {_server}.", e);
                throw;
            }

            var code = (int)response.StatusCode;
            KubernetesTelemetry.Record(method, code.ToString(CultureInfo.InvariantCulture), time.GetElapsedTime(started));
            activity?.SetTag("http.response.status_code", code);
            if (response.IsSuccessStatusCode) return response;
            activity?.SetStatus(ActivityStatusCode.Error);

            if (await RetryDelayAsync(response, attempt, linked.Token).ConfigureAwait(false) is not { } delay) return response;
            response.Dispose();
            await Task.Delay(delay, time, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>How long to wait before sending again, or null to hand the answer to the caller.</summary>
    private async Task<TimeSpan?> RetryDelayAsync(HttpResponseMessage response, int attempt, CancellationToken cancellationToken)
    {
        if (attempt >= _policy.MaxRetryAfterAttempts) return null;
        if (response.StatusCode != HttpStatusCode.TooManyRequests && (int)response.StatusCode < 500) return null;
        var after = RetryAfter.Of(response, _policy.TimeProvider.GetUtcNow());
        if (after is null)
        {
            // Buffered, so the caller can still read the Status after we looked at it.
            await response.Content.LoadIntoBufferAsync(cancellationToken).ConfigureAwait(false);
            after = RetryAfter.FromStatus(await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false));
        }
        if (response.StatusCode == HttpStatusCode.TooManyRequests) return Min(after ?? TimeSpan.FromSeconds(1), _policy.MaxRetryAfterDelay);
        if ((int)response.StatusCode >= 500 && after is { } wait) return Min(wait, _policy.MaxRetryAfterDelay);
        return null;
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    private static bool IsWatch(Uri? uri) =>
        uri?.Query is { Length: > 0 } query
        && query.TrimStart('?').Split('&').Any(p => p is "watch=true" or "watch=1" or "watch=True");

    private static HttpRequestMessage Copy(HttpRequestMessage request, byte[]? body)
    {
        var copy = new HttpRequestMessage(request.Method, request.RequestUri) { Version = request.Version, VersionPolicy = request.VersionPolicy };
        foreach (var header in request.Headers) copy.Headers.TryAddWithoutValidation(header.Key, header.Value);
        if (body is not null) copy.Content = Content(request.Content!, body);
        return copy;
    }

    private static ByteArrayContent Content(HttpContent original, byte[] body)
    {
        var content = new ByteArrayContent(body);
        foreach (var header in original.Headers) content.Headers.TryAddWithoutValidation(header.Key, header.Value);
        return content;
    }
}
