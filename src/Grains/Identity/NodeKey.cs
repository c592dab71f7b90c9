namespace Actors.Grains.Identity;

/// <summary>A node's place in its cluster: role and ordinal. Small and serialisable, so it can be persisted.</summary>
[GenerateSerializer, Alias("actors.NodeKey")]
public readonly record struct NodeKey(NodeRole Role, int Ordinal)
{
    public static NodeKey Controller(int ordinal) => new(NodeRole.Controller, ordinal);
    public static NodeKey Broker(int ordinal) => new(NodeRole.Broker, ordinal);

    /// <summary>Start-up order: controllers before brokers, then by ordinal.</summary>
    public static int CompareStartOrder(NodeKey a, NodeKey b) =>
        a.Role != b.Role ? (a.Role == NodeRole.Controller ? -1 : 1) : a.Ordinal.CompareTo(b.Ordinal);

    public override string ToString() => $"{Role.Word()} {Ordinal}";
}
