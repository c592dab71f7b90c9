using Actors.Kubernetes;

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
        var now = time.GetUtcNow();
        var lease = await client.TryGetAsync<Lease>(node, LeaseNamespace, cancellationToken).ConfigureAwait(false);
        if (lease is null)
        {
            await client.CreateAsync(new Lease
            {
                Metadata = new ObjectMeta { Name = node, Namespace = LeaseNamespace },
                Spec = new LeaseSpec { HolderIdentity = node, LeaseDurationSeconds = 40, RenewTime = now },
            }, new WriteOptions { FieldManager = FieldManager }, cancellationToken).ConfigureAwait(false);
            return;
        }
        lease.Spec ??= new LeaseSpec();
        lease.Spec.HolderIdentity = node;
        lease.Spec.LeaseDurationSeconds ??= 40;
        lease.Spec.RenewTime = now;
        await client.ReplaceAsync(lease, new WriteOptions { FieldManager = FieldManager }, cancellationToken).ConfigureAwait(false);
    }
}
