namespace Actors.Contracts.Kafka.Schema;

/// <summary>
/// A list whose items are identified by a key field (listeners by name, conditions by type): the
/// CRD marks it <c>x-kubernetes-list-type: map</c>, so the API server refuses two items with one
/// key and server-side apply merges items by key instead of replacing the whole list.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class ListMapAttribute(string key) : Attribute
{
    public string Key { get; } = key;
}
