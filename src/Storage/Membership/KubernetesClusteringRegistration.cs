using Microsoft.Extensions.DependencyInjection;
using Orleans;
using Orleans.Hosting;

namespace Actors.Storage.Membership;

public static class KubernetesClusteringRegistration
{
    /// <summary>
    /// Makes the silo find its cluster through <see cref="KubernetesMembershipTable"/>: one ConfigMap
    /// per Orleans ClusterId in <see cref="KubernetesClusteringOptions.Namespace"/>, written with the
    /// <c>IKubernetes</c> client registered in the container. Replaces localhost/development clustering;
    /// every replica that shares the ClusterId and namespace joins the same cluster.
    /// </summary>
    public static ISiloBuilder UseKubernetesClustering(this ISiloBuilder builder, Action<KubernetesClusteringOptions> configure)
    {
        builder.Services.Configure(configure);
        builder.Services.AddSingleton<IMembershipTable, KubernetesMembershipTable>();
        return builder;
    }
}
