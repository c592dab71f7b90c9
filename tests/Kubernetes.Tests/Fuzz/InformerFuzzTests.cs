using System.Globalization;
using FsCheck;
using FsCheck.Fluent;
using k8s.Models;

namespace Actors.Kubernetes.Tests.Fuzz;

/// <summary>
/// An informer fed a random history of good and unreadable pods, bookmarks and broken lines over a
/// scripted API server ends with exactly the cache the good events imply, knows exactly which pods
/// it cannot read, and reopens a broken watch from the last version it saw, skipped objects included.
/// </summary>
public sealed class InformerFuzzTests : IAsyncLifetime
{
    private static readonly WatchOptions Immediate = new() { Backoff = new WatchBackoff(TimeSpan.Zero, TimeSpan.Zero) };
    private TestCluster _cluster = null!;

    public async Task InitializeAsync() => _cluster = await TestCluster.StartAsync();

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [SeededProperty(MaxTest = 60)]
    public Property An_informer_ends_with_the_cache_its_good_events_imply() =>
        Prop.ForAll(Arb.From(WatchScript.Any), script => Task.Run(() => RunAsync(script)).GetAwaiter().GetResult());

    private async Task RunAsync(WatchScript script)
    {
        var server = _cluster.Server;
        var before = server.Requests.Count;
        var listed = script.Listed.Select(l => l.Bad ? WatchScript.UnreadablePod(l.Name, "1", l.Name[0]) : Json.Pod(l.Name, "1")).ToArray();
        server.ThenJson(200, Json.PodList(WatchScript.FirstVersion.ToString(CultureInfo.InvariantCulture), null, listed));
        var watch = server.ThenWatch();
        var resumedFrom = new List<string>();
        var lastVersion = WatchScript.FirstVersion.ToString(CultureInfo.InvariantCulture);

        using var client = _cluster.Client();
        await using var informer = new Informer<V1Pod>(client, new InformerOptions { Namespace = "kafka", ResyncPeriod = null, Watch = Immediate });
        informer.Start();
        await informer.WaitForSyncAsync().WaitAsync(TimeSpan.FromSeconds(10));

        for (var i = 0; i < script.Steps.Count; i++)
        {
            var step = script.Steps[i];
            var version = WatchScript.Version(i);
            switch (step.Kind)
            {
                case StepKind.Good: watch.Send(step.Type, Json.Pod(step.Name, version)); break;
                case StepKind.Bad: watch.Send(step.Type, WatchScript.UnreadablePod(step.Name, version, step.Breakage)); break;
                case StepKind.Bookmark: watch.Send("BOOKMARK", Json.Bookmark(version)); break;
                case StepKind.BrokenLine:
                    // The next watch is scripted before the line breaks this one: the informer reopens at
                    // once, and a reopen that found nothing scripted would get a 500 and one more watch.
                    var next = server.ThenWatch();
                    watch.SendLine(step.Breakage % 2 == 0 ? """{"type":"ADDED","object":{"metadata":""" : "<html>502</html>");
                    watch = next;
                    await watch.Opened;
                    resumedFrom.Add(lastVersion);
                    continue;
            }
            lastVersion = version;
        }
        watch.Send("ADDED", Json.Pod("zz-end", "999999"));
        await Eventually.UntilAsync(() => informer.Get("zz-end", "kafka") is not null, $"the last event reaches the cache: {script}", TimeSpan.FromSeconds(10));

        var (cache, unreadable) = script.Expected();
        var actual = informer.List().Where(p => p.Metadata.Name != "zz-end").ToDictionary(p => p.Metadata.Name, p => p.Metadata.ResourceVersion ?? "");
        Assert.True(cache.OrderBy(p => p.Key).SequenceEqual(actual.OrderBy(p => p.Key)),
            $"cache {Show(actual)}, expected {Show(cache)}: {script}");
        Assert.True(unreadable.Order().SequenceEqual(informer.Undecodable.Select(u => u.Name!).Order()),
            $"unreadable [{string.Join(",", informer.Undecodable.Select(u => u.Name))}], expected [{string.Join(",", unreadable)}]: {script}");
        var watches = server.Requests.Skip(before).Where(r => r.PathAndQuery.Contains("watch=true", StringComparison.Ordinal)).ToList();
        Assert.Equal(resumedFrom.Count + 1, watches.Count);
        Assert.Equal(resumedFrom, watches.Skip(1).Select(w => System.Web.HttpUtility.ParseQueryString(new Uri("https://x" + w.PathAndQuery).Query)["resourceVersion"]));
    }

    private static string Show(Dictionary<string, string> cache) => "{" + string.Join(",", cache.OrderBy(p => p.Key).Select(p => $"{p.Key}@{p.Value}")) + "}";
}
