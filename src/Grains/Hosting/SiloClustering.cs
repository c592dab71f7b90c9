using System.Net;
using Actors.Storage.Membership;

namespace Actors.Grains.Hosting;

/// <summary>How an operator silo finds the others.</summary>
public abstract record SiloClustering
{
    /// <summary>One silo alone, on a free loopback port (embedded mode, a single replica, tests).</summary>
    public sealed record Alone : SiloClustering;

    /// <summary>
    /// Every replica is a silo of one Orleans cluster whose membership table is a ConfigMap in
    /// <paramref name="Namespace"/> (see Actors.Storage.Membership); the grains are shared among them.
    /// </summary>
    /// <param name="ClusterId">Replicas with the same id (and namespace) form one cluster.</param>
    /// <param name="Advertised">Where the other silos reach this one (the pod's IP and the silo port).</param>
    /// <param name="SiloName">This replica's name in the table (the pod's name).</param>
    public sealed record Kubernetes(string Namespace, string ClusterId, IPEndPoint Advertised, string SiloName) : SiloClustering
    {
        /// <summary>The membership ConfigMap's name prefix (the storage's default).</summary>
        public static readonly string MembershipPrefix = new KubernetesClusteringOptions().ObjectNamePrefix;

        /// <summary>The ConfigMap holding this cluster's membership, in <see cref="Namespace"/>.</summary>
        public string MembershipObject => MembershipObjectName.For(MembershipPrefix, ClusterId);

        /// <summary>Whether <paramref name="clusterId"/> can name a membership ConfigMap.</summary>
        public static bool CanName(string clusterId) => MembershipObjectName.IsValid(MembershipPrefix + clusterId);
    }
}
