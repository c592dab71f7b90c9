namespace Actors.Silo.Grpc;

/// <summary>What a handler knows about its call.</summary>
public sealed class GrpcCallContext(HttpContext http, string path, DateTimeOffset? deadline, CancellationToken cancellationToken)
{
    /// <summary>"/package.Service/Method".</summary>
    public string Path { get; } = path;

    /// <summary>Request metadata (HTTP/2 headers).</summary>
    public IHeaderDictionary Metadata => http.Request.Headers;

    public DateTimeOffset? Deadline { get; } = deadline;

    /// <summary>Cancelled when the client cancels or the deadline passes.</summary>
    public CancellationToken CancellationToken { get; } = cancellationToken;
}
