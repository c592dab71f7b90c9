using k8s.Autorest;

namespace Actors.Kubernetes;

/// <summary>
/// Raw GETs through the official client's own HTTP pipeline (its TLS, its credentials, our
/// <see cref="RequestPolicyHandler"/>) for the two reads the informer must decode itself: a
/// page of a list and a watch stream. Decoding item by item is what lets one object the
/// operator cannot read be skipped instead of failing the whole list or stream.
/// </summary>
public static class ApiTransport
{
    /// <summary>Sends a GET and returns the response with its headers read; the caller owns it. A refusal throws <see cref="HttpOperationException"/> like the library.</summary>
    public static async Task<HttpResponseMessage> GetAsync(k8s.Kubernetes client, string pathAndQuery, CancellationToken cancellationToken)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, new Uri(client.BaseUri, pathAndQuery.TrimStart('/')))
        {
            Version = System.Net.HttpVersion.Version20,
        };
        request.Headers.Accept.ParseAdd("application/json");
        if (client.Credentials is { } credentials)
            await credentials.ProcessHttpRequestAsync(request, cancellationToken).ConfigureAwait(false);
        HttpResponseMessage response;
        try
        {
            response = await client.HttpClient.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            request.Dispose();
            throw;
        }
        if (response.IsSuccessStatusCode) return response;
        using (request)
        using (response)
        {
            var content = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            throw new HttpOperationException($"GET {request.RequestUri?.AbsolutePath} returned {(int)response.StatusCode} {response.ReasonPhrase}: {content}")
            {
                Request = new HttpRequestMessageWrapper(request, ""),
                Response = new HttpResponseMessageWrapper(response, content),
            };
        }
    }
}
