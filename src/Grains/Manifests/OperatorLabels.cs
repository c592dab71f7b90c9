using System.Globalization;
using Actors.Contracts.Kafka;
using Actors.Grains.Identity;

namespace Actors.Grains.Manifests;

/// <summary>The standard labels on everything the operator creates, and the selectors built from them.</summary>
public static class OperatorLabels
{
    /// <summary>Labels of a cluster-wide object (Services, ConfigMap, PDB).</summary>
    public static Dictionary<string, string> Cluster(ClusterIdentity cluster, string component) => new()
    {
        [KafkaLabels.Name] = KafkaLabels.NameValue,
        [KafkaLabels.Instance] = cluster.Name,
        [KafkaLabels.Component] = component,
        [KafkaLabels.ManagedBy] = KafkaLabels.ManagedByValue,
    };

    /// <summary>Labels of a node's pod and PVC: the cluster's plus the node's role and ordinal.</summary>
    public static Dictionary<string, string> Node(NodeIdentity node)
    {
        var labels = Cluster(node.Cluster, node.Role.Word());
        labels[KafkaLabels.Role] = node.Role.Word();
        labels[KafkaLabels.Ordinal] = node.Ordinal.ToString(CultureInfo.InvariantCulture);
        return labels;
    }

    /// <summary>Selects every node of the cluster.</summary>
    public static Dictionary<string, string> NodeSelector(ClusterIdentity cluster) => new()
    {
        [KafkaLabels.Name] = KafkaLabels.NameValue,
        [KafkaLabels.Instance] = cluster.Name,
        [KafkaLabels.ManagedBy] = KafkaLabels.ManagedByValue,
    };

    /// <summary>The same selector as a list/watch label selector string.</summary>
    public static string NodeSelectorText(ClusterIdentity cluster) =>
        string.Join(",", NodeSelector(cluster).Select(p => $"{p.Key}={p.Value}"));

    /// <summary>The node a labelled pod or PVC belongs to, if its labels say.</summary>
    public static NodeKey? NodeOf(IDictionary<string, string>? labels)
    {
        if (labels is null) return null;
        if (!labels.TryGetValue(KafkaLabels.Role, out var role) || !NodeRoleNames.TryParse(role, out var parsed)) return null;
        if (!labels.TryGetValue(KafkaLabels.Ordinal, out var ordinal) || !int.TryParse(ordinal, NumberStyles.None, CultureInfo.InvariantCulture, out var n)) return null;
        return new NodeKey(parsed, n);
    }
}
