using System.Globalization;
using Actors.Grains.Identity;

namespace Actors.Grains.Broker;

/// <summary>Reads a node grain's key <c>namespace/name/&lt;role&gt;-&lt;n&gt;</c> back into its identity.</summary>
public static class NodeGrainKey
{
    public static NodeIdentity Parse(string key)
    {
        var parts = key.Split('/');
        if (parts.Length == 3)
        {
            var dash = parts[2].LastIndexOf('-');
            if (dash > 0 && NodeRoleNames.TryParse(parts[2][..dash], out var role)
                && int.TryParse(parts[2][(dash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var ordinal))
                return new ClusterIdentity(parts[0], parts[1]).Node(new NodeKey(role, ordinal));
        }
        throw new FormatException($"'{key}' is not a node grain key; expected 'namespace/name/broker-2' or 'namespace/name/controller-0'.");
    }
}
