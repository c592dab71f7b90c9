namespace Actors.Silo.Tests.Support;

/// <summary>Passes requests through until cut; then every request fails like an unreachable host.</summary>
public sealed class NetworkLink : DelegatingHandler
{
    private volatile bool cut;

    public void Cut() => cut = true;
    public void Restore() => cut = false;

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        cut ? throw new HttpRequestException("network partition (test): the API server is unreachable") : base.SendAsync(request, cancellationToken);
}
