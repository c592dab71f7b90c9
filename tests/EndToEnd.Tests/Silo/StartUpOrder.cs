using Actors.Contracts.Api;

namespace Actors.EndToEnd.Tests.Silo;

/// <summary>
/// Ordered start-up as a watcher of the cluster's views can check it: nodes in start order
/// (controllers 0.., then brokers 0..), and a node appears (leaves "Absent") only once every
/// node before it is Ready. So in every view of a start-up the present nodes are a prefix of the
/// start order and all of them but the last are Ready. Pure.
/// </summary>
public static class StartUpOrder
{
    public const string Absent = "Absent";

    public static IReadOnlyList<ClusterNodeView> InStartOrder(ClusterView view) =>
        [.. view.Nodes.OrderBy(n => n.Role == "controller" ? 0 : 1).ThenBy(n => n.Ordinal)];

    /// <summary>What is wrong with one view of a start-up; null when it keeps the order.</summary>
    public static string? Violation(ClusterView view)
    {
        var nodes = InStartOrder(view);
        for (var i = 1; i < nodes.Count; i++)
        {
            if (nodes[i].Phase == Absent) continue;
            if (nodes[i - 1].Phase == Absent)
                return $"{nodes[i].Pod} is {nodes[i].Phase} while {nodes[i - 1].Pod}, before it, is absent";
            if (nodes[i - 1].Phase != "Ready")
                return $"{nodes[i].Pod} is {nodes[i].Phase} while {nodes[i - 1].Pod}, before it, is only {nodes[i - 1].Phase}";
        }

        return null;
    }

    /// <summary>How many nodes have appeared: the length of the present prefix.</summary>
    public static int Present(ClusterView view) => InStartOrder(view).Count(n => n.Phase != Absent);
}
