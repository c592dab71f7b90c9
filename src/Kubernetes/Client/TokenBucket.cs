namespace Actors.Kubernetes;

/// <summary>
/// Client-side rate limiting as in client-go: a bucket of <c>burst</c> tokens refilled at
/// <c>qps</c> per second. Each request takes one token, waiting for it when the bucket is empty,
/// so a busy operator cannot flood the API server. Time comes from the given clock.
/// </summary>
public sealed class TokenBucket
{
    private readonly double _qps;
    private readonly int _burst;
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();
    private double _tokens;
    private long _lastRefill;

    public TokenBucket(double qps, int burst, TimeProvider time)
    {
        if (qps > 0 && burst < 1) throw new ArgumentOutOfRangeException(nameof(burst), "A rate limit needs a burst of at least 1.");
        _qps = qps;
        _burst = burst;
        _time = time;
        _tokens = burst;
        _lastRefill = time.GetTimestamp();
    }

    public bool Unlimited => _qps <= 0;

    /// <summary>Takes a token now and says how long the caller must wait before using it.</summary>
    public TimeSpan Reserve()
    {
        if (Unlimited) return TimeSpan.Zero;
        lock (_gate)
        {
            var now = _time.GetTimestamp();
            _tokens = Math.Min(_burst, _tokens + _time.GetElapsedTime(_lastRefill, now).TotalSeconds * _qps);
            _lastRefill = now;
            _tokens -= 1;
            return _tokens >= 0 ? TimeSpan.Zero : TimeSpan.FromSeconds(-_tokens / _qps);
        }
    }

    /// <summary>Waits for a token; a cancelled wait gives its token back.</summary>
    public async ValueTask WaitAsync(CancellationToken cancellationToken)
    {
        var wait = Reserve();
        if (wait <= TimeSpan.Zero) return;
        try
        {
            await Task.Delay(wait, _time, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            lock (_gate) _tokens = Math.Min(_burst, _tokens + 1);
            throw;
        }
    }
}
