using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Actors.Contracts.Api;

namespace Actors.EndToEnd.Tests.Silo;

/// <summary>One view the stream delivered, with when it arrived.</summary>
public sealed record StreamedView(int Sequence, DateTime Received, ClusterView View);

/// <summary>
/// A client of the silo's server-sent-event watch (GET /api/v1/clusters/{ns}/{name}/watch),
/// reading it as a browser's EventSource would: every `event: cluster` view in arrival order.
/// The stream ends when the cluster is deleted; <see cref="Ended"/> says so.
/// </summary>
public sealed class ClusterStream : IAsyncDisposable
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly HttpClient http;
    private readonly HttpResponseMessage response;
    private readonly CancellationTokenSource stop = new();
    private readonly List<StreamedView> views = [];
    private readonly Task reading;

    private ClusterStream(HttpClient http, HttpResponseMessage response)
    {
        this.http = http;
        this.response = response;
        reading = Task.Run(ReadAsync);
    }

    public IReadOnlyList<StreamedView> Views
    {
        get { lock (views) return [.. views]; }
    }

    /// <summary>True once the server has ended the stream.</summary>
    public bool Ended { get; private set; }

    /// <summary>Why reading stopped, when it was not the server ending the stream.</summary>
    public Exception? Failure { get; private set; }

    public static async Task<ClusterStream> OpenAsync(Uri silo, string token, string ns, string name)
    {
        var http = new HttpClient { BaseAddress = silo, Timeout = Timeout.InfiniteTimeSpan };
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/clusters/{ns}/{name}/watch");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, bound.Token);
        if (response.StatusCode != HttpStatusCode.OK)
            Assert.Fail($"the watch answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        return new ClusterStream(http, response);
    }

    private async Task ReadAsync()
    {
        try
        {
            using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(stop.Token), Encoding.UTF8);
            string? kind = null;
            var data = new StringBuilder();
            while (await reader.ReadLineAsync(stop.Token) is { } line)
            {
                if (line.StartsWith("event:", StringComparison.Ordinal)) kind = line[6..].Trim();
                else if (line.StartsWith("data:", StringComparison.Ordinal)) data.Append(line[5..].TrimStart());
                else if (line.Length == 0 && data.Length > 0)
                {
                    if (kind == "cluster") Add(JsonSerializer.Deserialize<ClusterView>(data.ToString(), Json)!);
                    kind = null;
                    data.Clear();
                }
            }

            Ended = true;
        }
        catch (Exception e) when (!stop.IsCancellationRequested)
        {
            Failure = e;
        }
        catch (OperationCanceledException)
        {
        }
    }

    private void Add(ClusterView view)
    {
        lock (views) views.Add(new StreamedView(views.Count, DateTime.UtcNow, view));
    }

    /// <summary>Waits for a view that satisfies <paramref name="condition"/>, looking at views from <paramref name="from"/> on.</summary>
    public async Task<StreamedView> UntilAsync(Func<ClusterView, bool> condition, string expectation, TimeSpan limit, int from = 0)
    {
        var deadline = DateTime.UtcNow + limit;
        while (true)
        {
            if (Views.Skip(from).FirstOrDefault(v => condition(v.View)) is { } found) return found;
            if (Ended || Failure is not null)
                Assert.Fail($"The watch ended ({Failure?.Message ?? "by the server"}) before {expectation}; last view: {Describe(Views.LastOrDefault())}");
            if (DateTime.UtcNow > deadline)
                Assert.Fail($"The watch did not show {expectation} within {limit.TotalSeconds:0}s; last view: {Describe(Views.LastOrDefault())}");
            await Task.Delay(20);
        }
    }

    /// <summary>Waits until the server ends the stream (the cluster is gone).</summary>
    public async Task UntilEndedAsync(TimeSpan limit)
    {
        var deadline = DateTime.UtcNow + limit;
        while (!Ended)
        {
            if (Failure is not null) Assert.Fail($"The watch failed instead of ending: {Failure}");
            if (DateTime.UtcNow > deadline) Assert.Fail($"The watch did not end within {limit.TotalSeconds:0}s; last view: {Describe(Views.LastOrDefault())}");
            await Task.Delay(20);
        }
    }

    public static string Describe(StreamedView? streamed) =>
        streamed is null ? "(none)" : $"#{streamed.Sequence} {Describe(streamed.View)}";

    public static string Describe(ClusterView view) =>
        $"{view.Phase} gen {view.Generation}/{view.ObservedGeneration} op {view.Operation?.Kind ?? "-"} "
        + string.Join(" ", view.Nodes.Select(n => $"{n.Role[0]}{n.Ordinal}:{n.Phase}"))
        + " " + string.Join(" ", view.Conditions.Select(c => $"{c.Type}={c.Status}"));

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        response.Dispose();
        await reading.WaitAsync(TimeSpan.FromSeconds(10)).ContinueWith(_ => { });
        http.Dispose();
        stop.Dispose();
    }
}
