namespace Actors.Kubernetes;

/// <summary>Supplies the bearer token of each request.</summary>
public interface IBearerTokenSource
{
    ValueTask<string?> GetTokenAsync(CancellationToken cancellationToken);

    /// <summary>The server rejected the token (401): the next call must not reuse a cached one.</summary>
    void Invalidate();
}

/// <summary>A token written in the kubeconfig.</summary>
public sealed class StaticTokenSource(string token) : IBearerTokenSource
{
    public ValueTask<string?> GetTokenAsync(CancellationToken cancellationToken) => ValueTask.FromResult<string?>(token);

    public void Invalidate() { }
}

/// <summary>
/// A token kept in a file that something else rotates (the kubelet's projected service-account
/// token, a kubeconfig's tokenFile). Re-read at most once a minute like client-go, and at once
/// after the server answered 401.
/// </summary>
public sealed class FileTokenSource(string path, TimeProvider? timeProvider = null, TimeSpan? refreshAfter = null) : IBearerTokenSource
{
    private readonly TimeProvider _time = timeProvider ?? TimeProvider.System;
    private readonly TimeSpan _refreshAfter = refreshAfter ?? TimeSpan.FromMinutes(1);
    private readonly Lock _gate = new();
    private string? _token;
    private DateTimeOffset _readAt;

    public string Path => path;

    public async ValueTask<string?> GetTokenAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_token is not null && _time.GetUtcNow() - _readAt < _refreshAfter) return _token;
        }
        string text;
        try
        {
            text = await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new KubeConfigException($"Cannot read the bearer token file '{path}': {e.Message}", e);
        }
        var token = text.Trim();
        lock (_gate)
        {
            _token = token;
            _readAt = _time.GetUtcNow();
        }
        return token;
    }

    public void Invalidate()
    {
        lock (_gate) _token = null;
    }
}
