namespace Actors.Kubernetes;

/// <summary>
/// How politely the operator talks to one API server: what the official client leaves to its
/// callers. Applied by <see cref="RequestPolicyHandler"/> on every request the client sends.
/// </summary>
public sealed record ClientPolicy
{
    /// <summary>Sustained requests per second (token bucket refill); &lt;= 0 disables limiting.</summary>
    public double Qps { get; init; } = 50;

    /// <summary>Requests allowed at once before the limiter makes callers wait.</summary>
    public int Burst { get; init; } = 100;

    /// <summary>Deadline of one attempt of an ordinary request; watches have none.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How many times a 429 (or a 5xx with Retry-After) is retried after the delay the server asks for.</summary>
    public int MaxRetryAfterAttempts { get; init; } = 5;

    /// <summary>The longest Retry-After honoured; longer requests are capped to this.</summary>
    public TimeSpan MaxRetryAfterDelay { get; init; } = TimeSpan.FromSeconds(30);

    public string UserAgent { get; init; } = "actors-operator/1.0";

    /// <summary>Clock of rate limiting, retries and deadlines (a fake clock in tests).</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
}
