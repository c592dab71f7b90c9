using Actors.Kubernetes;
using k8s;
using k8s.Models;

namespace Actors.Emulator.Kubelet;

// Heartbeats: a live node renews its Lease in kube-node-lease, as a real kubelet does, so a real
// cluster's node lifecycle controller keeps it Ready and does not evict its pods. A lost node and a
// paused kubelet stop renewing.
public sealed partial class SimulatedKubelet
{
    const string LeaseKey = "lease/";
    const string LeaseNamespace = "kube-node-lease";

    void Heartbeat()
    {
        foreach (var node in Options.NodeNames) queue.Add($"{LeaseKey}{node}");
    }

    async Task LeaseStepAsync(string node, CancellationToken cancellationToken)
    {
        if (nodes.Get(node) is { } registered && SimulatedNode.IsLost(registered)) return;
        var now = ApiTime.ToApi(time.GetUtcNow());
        var lease = await client.CoordinationV1.ReadNamespacedLeaseAsync(node, LeaseNamespace, cancellationToken: cancellationToken)
            .OrNullWhenMissing().ConfigureAwait(false);
        if (lease is null)
        {
            await client.CoordinationV1.CreateNamespacedLeaseAsync(new V1Lease
            {
                // KubeApiVersion is the version alone ("v1"); a grouped kind needs "group/version" or the server refuses the body.
                ApiVersion = $"{V1Lease.KubeGroup}/{V1Lease.KubeApiVersion}",
                Kind = V1Lease.KubeKind,
                Metadata = new V1ObjectMeta { Name = node, NamespaceProperty = LeaseNamespace },
                Spec = new V1LeaseSpec { HolderIdentity = node, LeaseDurationSeconds = 40, RenewTime = now },
            }, LeaseNamespace, fieldManager: FieldManager, cancellationToken: cancellationToken).ConfigureAwait(false);
            return;
        }
        lease.Spec ??= new V1LeaseSpec();
        lease.Spec.HolderIdentity = node;
        lease.Spec.LeaseDurationSeconds ??= 40;
        lease.Spec.RenewTime = now;
        await client.CoordinationV1.ReplaceNamespacedLeaseAsync(lease, node, LeaseNamespace, fieldManager: FieldManager, cancellationToken: cancellationToken)
            .ConfigureAwait(false);
    }
}
