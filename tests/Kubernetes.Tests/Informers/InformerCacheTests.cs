using k8s.Models;

namespace Actors.Kubernetes.Tests;

public sealed class InformerCacheTests
{
    private static V1Pod Pod(string name, string rv, string ns = "kafka", params (string Key, string Value)[] labels) => new()
    {
        Metadata = new()
        {
            Name = name, NamespaceProperty = ns, ResourceVersion = rv, Uid = "uid-" + name,
            Labels = labels.Length == 0 ? null : labels.ToDictionary(l => l.Key, l => l.Value),
        },
    };

    private readonly InformerCache<V1Pod> _cache = new();

    [Fact]
    public void Added_modified_and_deleted_events_become_add_update_and_delete_changes()
    {
        var added = _cache.Apply(new(WatchChangeType.Added, Pod("a", "1"), "1"));
        var updated = _cache.Apply(new(WatchChangeType.Modified, Pod("a", "2"), "2"));
        var deleted = _cache.Apply(new(WatchChangeType.Deleted, Pod("a", "3"), "3"));

        Assert.Equal(CacheChangeType.Added, added!.Value.Type);
        Assert.Equal(CacheChangeType.Updated, updated!.Value.Type);
        Assert.Equal("1", updated.Value.Old!.Metadata.ResourceVersion);
        Assert.Equal("2", updated.Value.New!.Metadata.ResourceVersion);
        Assert.Equal(CacheChangeType.Deleted, deleted!.Value.Type);
        Assert.Equal(0, _cache.Count);
    }

    [Fact]
    public void A_bookmark_changes_nothing()
    {
        Assert.Null(_cache.Apply(new(WatchChangeType.Bookmark, new V1Pod { Metadata = new() { ResourceVersion = "9" } }, "9")));
        Assert.Equal(0, _cache.Count);
    }

    [Fact]
    public void Lookups_by_namespace_and_by_label_follow_label_changes()
    {
        _cache.Apply(new(WatchChangeType.Added, Pod("b0", "1", "kafka", ("role", "broker")), "1"));
        _cache.Apply(new(WatchChangeType.Added, Pod("c0", "2", "kafka", ("role", "controller")), "2"));
        _cache.Apply(new(WatchChangeType.Added, Pod("b0", "3", "other", ("role", "broker")), "3"));

        _cache.Apply(new(WatchChangeType.Modified, Pod("c0", "4", "kafka", ("role", "broker")), "4"));

        Assert.Equal(["b0", "c0"], _cache.ListInNamespace("kafka").Select(p => p.Metadata.Name).Order());
        Assert.Equal(["kafka/b0", "kafka/c0", "other/b0"], _cache.ListByLabel("role", "broker").Select(InformerCache<V1Pod>.KeyOf).Order());
        Assert.Equal(["kafka/b0", "kafka/c0"], _cache.ListByLabel("role", "broker", "kafka").Select(InformerCache<V1Pod>.KeyOf).Order());
        Assert.Empty(_cache.ListByLabel("role", "controller"));
        Assert.Equal("4", _cache.Get("c0", "kafka")!.Metadata.ResourceVersion);
    }

    [Fact]
    public void A_relist_reports_what_appeared_changed_and_vanished_but_not_what_stayed()
    {
        _cache.Replace([Pod("stays", "1"), Pod("changes", "1"), Pod("vanishes", "1", "kafka", ("role", "broker"))]);

        var changes = _cache.Replace([Pod("stays", "1"), Pod("changes", "2"), Pod("appears", "1")]);

        Assert.Equal(
            [(CacheChangeType.Updated, "changes"), (CacheChangeType.Added, "appears"), (CacheChangeType.Deleted, "vanishes")],
            changes.Select(c => (c.Type, (c.New ?? c.Old)!.Metadata.Name!)));
        Assert.Empty(_cache.ListByLabel("role", "broker"));
        Assert.Equal(3, _cache.Count);
    }

    [Fact]
    public void A_relist_of_one_namespace_replaces_that_namespace_and_leaves_the_others()
    {
        _cache.Replace([Pod("b0", "1", "a"), Pod("gone", "1", "a")], "a");
        _cache.Replace([Pod("b0", "1", "b")], "b");

        var changes = _cache.Replace([Pod("b0", "2", "a")], "a");

        Assert.Equal(
            [(CacheChangeType.Updated, "a/b0"), (CacheChangeType.Deleted, "a/gone")],
            changes.Select(c => (c.Type, InformerCache<V1Pod>.KeyOf((c.New ?? c.Old)!))));
        Assert.Equal(["a/b0", "b/b0"], _cache.List().Select(InformerCache<V1Pod>.KeyOf).Order());
    }

    [Fact]
    public void Cluster_scoped_objects_are_keyed_by_name_alone()
    {
        var ns = new V1Namespace { Metadata = new() { Name = "kafka", ResourceVersion = "1" } };
        var cache = new InformerCache<V1Namespace>();

        cache.Apply(new(WatchChangeType.Added, ns, "1"));

        Assert.Same(ns, cache.Get("kafka"));
    }
}
