using System.Text.Json;
using Actors.Grains.Cluster;
using FsCheck;
using FsCheck.Fluent;
using k8s;
using k8s.Models;

namespace Actors.Kubernetes.Tests.Fuzz;

/// <summary>
/// The decoders of lists and watch events under generated bad input (issue 16): an event whose
/// object is bad is never an exception but an Undecodable naming the object and keeping its
/// resourceVersion (so the watch moves past it); only a line that is no event at all is a
/// <see cref="JsonException"/> (a broken stream); a page with bad items still yields every item.
/// </summary>
public sealed class DecoderFuzzTests
{
    private const int Runs = 400;
    private static readonly ResourceType Clusters = ResourceTypes.Of<KafkaCluster>();
    private static readonly ResourceType Pods = ResourceTypes.Of<V1Pod>();

    private static WatchChange<IKubernetesObject<V1ObjectMeta>> Decode(string line, bool pod) => pod
        ? Widen(WatchEventDecoder.Decode<V1Pod>(line, Pods))
        : Widen(WatchEventDecoder.Decode<KafkaCluster>(line, Clusters));

    private static WatchChange<IKubernetesObject<V1ObjectMeta>> Widen<T>(WatchChange<T> c) where T : class, IKubernetesObject<V1ObjectMeta> =>
        new(c.Type, c.Object, c.ResourceVersion) { Error = c.Error, Skipped = c.Skipped };

    [SeededProperty(MaxTest = Runs)]
    public Property An_event_with_a_bad_object_is_undecodable_or_read_and_never_loses_its_name_or_version() =>
        Prop.ForAll(Arb.From(WatchLines.BadEvents), bad =>
        {
            var change = Decode(bad.Line, bad.Object.IsPod);
            var expected = bad.Object;
            switch (bad.Type)
            {
                case "BOOKMARK":
                    Assert.Equal(WatchChangeType.Bookmark, change.Type);
                    Assert.True(expected.ResourceVersion.Admits(change.ResourceVersion), $"bookmark at {change.ResourceVersion}: {bad}");
                    return;
                case "ERROR":
                    Assert.Equal(WatchChangeType.Error, change.Type);
                    Assert.NotNull(change.Error);
                    return;
            }
            Assert.True(expected.ResourceVersion.Admits(change.ResourceVersion), $"resourceVersion {change.ResourceVersion}: {bad}");
            if (change.Type == WatchChangeType.Undecodable)
            {
                var skipped = Assert.Single(change.Skipped);
                Assert.True(expected.Namespace.Admits(skipped.Namespace) && expected.Name.Admits(skipped.Name) && expected.ResourceVersion.Admits(skipped.ResourceVersion),
                    $"skipped as {skipped.Namespace}/{skipped.Name}@{skipped.ResourceVersion}: {bad}");
                Assert.Equal(bad.Type == "DELETED", skipped.Deleted);
                Assert.False(string.IsNullOrWhiteSpace(skipped.Reason));
                Assert.Null(change.Object);
            }
            else
            {
                Assert.Equal(bad.Type, change.Type.ToString().ToUpperInvariant());
                var metadata = change.Object!.Metadata;
                Assert.False(string.IsNullOrEmpty(metadata?.Name), $"read without a name: {bad}");
                Assert.True(expected.Namespace.Admits(metadata?.NamespaceProperty) && expected.Name.Admits(metadata?.Name),
                    $"read as {metadata?.NamespaceProperty}/{metadata?.Name}: {bad}");
            }
        });

    [SeededProperty(MaxTest = 100)]
    public Property An_event_whose_object_is_not_an_object_is_undecodable() =>
        Prop.ForAll(Arb.From(
            from body in WatchLines.ObjectNotAnObject
            from type in Gen.Elements("ADDED", "MODIFIED", "DELETED")
            from pod in Gen.Elements(true, false)
            select (body, type, pod)), sample =>
        {
            var (body, type, pod) = sample;
            var change = Decode($$"""{"type":"{{type}}","object":{{body}}}""", pod);
            Assert.Equal(WatchChangeType.Undecodable, change.Type);
            Assert.Null(Assert.Single(change.Skipped).Name);
        });

    [SeededProperty(MaxTest = Runs)]
    public Property A_line_that_is_no_event_is_a_JsonException_and_nothing_else() =>
        Prop.ForAll(Arb.From(Gen.Zip(WatchLines.NotEvents, Gen.Elements(true, false))), sample =>
        {
            var (line, pod) = sample;
            var thrown = Record.Exception(() => Decode(line.Line, pod));
            Assert.True(thrown is JsonException, $"{line}: {(thrown is null ? "decoded" : thrown.GetType().Name + ": " + thrown.Message)}");
        });

    [SeededProperty(MaxTest = 150)]
    public Property A_page_with_bad_items_yields_every_good_item_and_names_every_bad_one() =>
        Prop.ForAll(Arb.From(Pages), page =>
        {
            var (bad, good, pod) = page;
            var text = Page(pod, good, bad);
            using var document = JsonDocument.Parse(text, ObjectDecoder.Documents);
            var skipped = new List<UndecodableObject>();
            string? version = null;
            int read;
            if (pod)
            {
                var items = new List<V1Pod>();
                CollectionList.ReadPage(document.RootElement, Pods, items, skipped, ref version);
                read = items.Count(i => i.Metadata.Name.StartsWith("good-", StringComparison.Ordinal));
                Assert.Equal(good + bad.Count, items.Count + skipped.Count);
            }
            else
            {
                var items = new List<KafkaCluster>();
                CollectionList.ReadPage(document.RootElement, Clusters, items, skipped, ref version);
                read = items.Count(i => i.Metadata.Name.StartsWith("good-", StringComparison.Ordinal));
                Assert.Equal(good + bad.Count, items.Count + skipped.Count);
            }
            Assert.Equal(good, read);
            Assert.Equal("4242", version);
            Assert.All(skipped, s => Assert.Contains(bad, b => b.Name.Admits(s.Name) && b.Namespace.Admits(s.Namespace) && b.ResourceVersion.Admits(s.ResourceVersion)));
        });

    private static readonly Gen<(List<BadObject> Bad, int Good, bool Pod)> Pages =
        from pod in Gen.Elements(true, false)
        from good in Gen.Choose(0, 4)
        from bad in Gen.Choose(1, 4).SelectMany(n => Gen.ListOf(BadObject.Of("bad", "77", pod), n))
        select (bad.ToList(), good, pod);

    private static string Page(bool pod, int good, List<BadObject> bad)
    {
        var items = Enumerable.Range(0, good)
            .Select(i => (pod ? WatchedObjects.Pod($"good-{i}", $"{i + 1}") : WatchedObjects.KafkaCluster($"good-{i}", $"{i + 1}")).ToJsonString())
            .Concat(bad.Select(b => b.Json))
            .OrderBy(json => json.GetHashCode(StringComparison.Ordinal) & 1); // good and bad mixed, in a fixed order
        return $$"""{"apiVersion":"v1","kind":"List","metadata":{"resourceVersion":"4242"},"items":[{{string.Join(",", items)}}]}""";
    }
}
