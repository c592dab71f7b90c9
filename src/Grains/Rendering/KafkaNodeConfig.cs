using System.Text;
using Actors.Contracts.Kafka;
using Actors.Grains.Identity;

namespace Actors.Grains.Rendering;

/// <summary>
/// The server properties of one KRaft node, in a stable order: the properties derived from the
/// node's identity first (the operator owns them), then the user's overrides sorted by key.
/// </summary>
public static class KafkaNodeConfig
{
    /// <summary>Where the node's PVC is mounted.</summary>
    public const string DataMountPath = "/var/lib/kafka/data";

    /// <summary>A directory below the mount, so the volume's own files (lost+found) stay out of Kafka's way.</summary>
    public const string LogDirs = DataMountPath + "/kafka-logs";

    private static readonly HashSet<string> OperatorOwned = new(StringComparer.Ordinal)
    {
        "node.id", "broker.id", "process.roles", "controller.quorum.voters", "controller.quorum.bootstrap.servers",
        "controller.listener.names", "listeners", "advertised.listeners", "listener.security.protocol.map",
        "inter.broker.listener.name", "log.dirs", "log.dir", "metadata.log.dir",
    };

    /// <summary>Keys a user may not set in <c>config</c>: they encode the node's identity and wiring.</summary>
    public static IReadOnlyCollection<string> OperatorOwnedKeys => OperatorOwned;

    public static bool IsOperatorOwned(string key) =>
        OperatorOwned.Contains(key) || key.StartsWith("listener.name.controller.", StringComparison.OrdinalIgnoreCase);

    /// <summary>Renders a node of a valid spec.</summary>
    public static ServerProperties Render(
        NodeIdentity node, KafkaClusterSpec spec, string clusterDomain = ClusterIdentity.DefaultClusterDomain)
    {
        var controllers = spec.Controllers!.Replicas!.Value;
        var properties = new OrderedDictionary<string, string>
        {
            ["process.roles"] = node.Role.Word(),
            ["node.id"] = node.NodeId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["controller.quorum.voters"] = QuorumVoters(node.Cluster, controllers, clusterDomain),
            ["controller.listener.names"] = KafkaListeners.Controller.Name,
        };

        if (node.Role == NodeRole.Controller)
        {
            var controller = KafkaListeners.Controller;
            properties["listeners"] = $"{controller.Name}://:{controller.Port}";
            properties["listener.security.protocol.map"] = $"{controller.Name}:{controller.SecurityProtocol}";
        }
        else
        {
            IReadOnlyList<KafkaListener> served = [KafkaListeners.Replication, .. KafkaListeners.Client(spec)];
            var host = node.Host(clusterDomain);
            properties["listeners"] = string.Join(",", served.Select(l => $"{l.Name}://:{l.Port}"));
            properties["advertised.listeners"] = string.Join(",", served.Select(l => $"{l.Name}://{host}:{l.Port}"));
            properties["listener.security.protocol.map"] = string.Join(",",
                new[] { KafkaListeners.Controller }.Concat(served).Select(l => $"{l.Name}:{l.SecurityProtocol}"));
            properties["inter.broker.listener.name"] = KafkaListeners.Replication.Name;
        }

        properties["log.dirs"] = LogDirs;

        var pool = node.Role == NodeRole.Broker ? spec.Brokers : spec.Controllers;
        foreach (var (key, value) in (pool?.Config ?? []).OrderBy(p => p.Key, StringComparer.Ordinal))
            if (!IsOperatorOwned(key))
                properties[key] = value;
        return new ServerProperties(properties);
    }

    /// <summary><c>id@host:port</c> of every controller, by their stable DNS names.</summary>
    public static string QuorumVoters(ClusterIdentity cluster, int controllers, string clusterDomain = ClusterIdentity.DefaultClusterDomain) =>
        string.Join(",", Enumerable.Range(0, controllers).Select(n =>
        {
            var controller = cluster.Node(NodeKey.Controller(n));
            return $"{controller.NodeId}@{controller.Host(clusterDomain)}:{KafkaListeners.Controller.Port}";
        }));

    /// <summary>The properties as a <c>server.properties</c> file.</summary>
    public static string ToPropertiesText(IEnumerable<KeyValuePair<string, string>> properties)
    {
        var text = new StringBuilder();
        foreach (var (key, value) in properties)
            text.Append(Escape(key, isKey: true)).Append('=').Append(Escape(value, isKey: false)).Append('\n');
        return text.ToString();
    }

    private static string Escape(string text, bool isKey)
    {
        var escaped = new StringBuilder(text.Length);
        foreach (var c in text)
            escaped.Append(c switch
            {
                '\\' => @"\\",
                '\n' => @"\n",
                '\r' => @"\r",
                '\t' => @"\t",
                '=' or ':' or ' ' or '#' or '!' when isKey => $"\\{c}",
                _ => c.ToString(),
            });
        return escaped.ToString();
    }
}
