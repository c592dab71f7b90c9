using k8s.Models;

namespace Actors.Kubernetes.Tests;

/// <summary>A transform trims each object before the cache keeps it, whether it came by a watch event or a list.</summary>
public sealed class InformerCacheTransformTests
{
    private static V1Pod Pod(string name, string rv) => new()
    {
        Metadata = new()
        {
            Name = name, NamespaceProperty = "kafka", ResourceVersion = rv, Uid = "uid-" + name,
            Labels = new Dictionary<string, string> { ["role"] = "broker" },
            ManagedFields = [new V1ManagedFieldsEntry { Manager = "actors-operator", Operation = "Apply" }],
        },
        Spec = new V1PodSpec { Containers = [new V1Container { Name = "kafka", Image = "apache/kafka:4.1.0" }] },
    };

    private static V1Pod WithoutManagedFields(V1Pod pod)
    {
        pod.Metadata.ManagedFields = null;
        return pod;
    }

    private readonly InformerCache<V1Pod> _cache = new(WithoutManagedFields);

    [Fact]
    public void An_object_from_a_watch_event_is_kept_and_handed_on_trimmed()
    {
        var added = _cache.Apply(new(WatchChangeType.Added, Pod("a", "1"), "1"));
        var updated = _cache.Apply(new(WatchChangeType.Modified, Pod("a", "2"), "2"));

        Assert.Null(added!.Value.New!.Metadata.ManagedFields);
        Assert.Null(updated!.Value.New!.Metadata.ManagedFields);
        Assert.Null(_cache.Get("a", "kafka")!.Metadata.ManagedFields);
        Assert.Equal("kafka", _cache.Get("a", "kafka")!.Spec.Containers[0].Name); // what it does not trim stays
    }

    [Fact]
    public void An_object_from_a_list_is_kept_and_handed_on_trimmed_and_still_found_by_its_labels()
    {
        var changes = _cache.Replace([Pod("a", "1"), Pod("b", "1")]);

        Assert.All(changes, c => Assert.Null(c.New!.Metadata.ManagedFields));
        Assert.All(_cache.ListByLabel("role", "broker"), p => Assert.Null(p.Metadata.ManagedFields));
        Assert.Equal(2, _cache.ListByLabel("role", "broker").Count);
    }

    [Fact]
    public void Without_a_transform_objects_are_kept_whole()
    {
        var whole = new InformerCache<V1Pod>();

        whole.Apply(new(WatchChangeType.Added, Pod("a", "1"), "1"));

        Assert.Single(whole.Get("a", "kafka")!.Metadata.ManagedFields);
    }
}
