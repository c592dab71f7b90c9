using Actors.Contracts.Kafka;
using Actors.Grains.Cluster;
using Actors.Grains.Identity;
using Actors.Kafka.Features;
using Actors.Kafka.Peer.Model;
using Actors.Kubernetes;
using k8s;
using k8s.Models;

namespace Actors.EndToEnd.Tests.Harness;

/// <summary>
/// Keeps the Kafka peer's idea of what each node's software supports in step with the pods: a
/// node created from the <c>apache/kafka:4.0.0</c> image supports metadata.version up to 4.0-IV3,
/// as a real node would report when it registers. A node created is noted at once (the kubelet
/// starts and readies it later), so the peer knows before the operator can see the node Ready.
/// Nodes listed in <see cref="Stale"/> keep their old software, as if their image had not changed.
/// </summary>
public sealed class PeerNodeSoftware : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private Task _run = Task.CompletedTask;

    private PeerNodeSoftware(ClusterModel model) => Model = model;

    public ClusterModel Model { get; }

    /// <summary>Node ids whose software the pods do not change.</summary>
    public HashSet<int> Stale { get; } = [];

    public static async Task<PeerNodeSoftware> FollowAsync(ApiUnderTest api, ClusterModel model, params int[] stale)
    {
        var follower = new PeerNodeSoftware(model);
        follower.Stale.UnionWith(stale);
        var list = await api.Client.CoreV1.ListNamespacedPodAsync(api.Namespace);
        foreach (var pod in list.Items) follower.Note(pod);
        follower._run = Task.Run(() => follower.RunAsync(api, list.Metadata.ResourceVersion));
        return follower;
    }

    private async Task RunAsync(ApiUnderTest api, string? resourceVersion)
    {
        var watch = new CollectionWatch<V1Pod>(api.Client, ResourceTypes.Of<V1Pod>(), api.Namespace, new WatchOptions { ResourceVersion = resourceVersion });
        try
        {
            await foreach (var change in watch.RunAsync(_stop.Token))
                if (change.Type == WatchChangeType.Added && change.Object is { } pod)
                    Note(pod);
        }
        catch (OperationCanceledException)
        {
        }
    }

    private void Note(V1Pod pod)
    {
        var labels = pod.Metadata.Labels ?? new Dictionary<string, string>();
        if (!labels.TryGetValue(KafkaLabels.Role, out var role) || !labels.TryGetValue(KafkaLabels.Ordinal, out var ordinal)) return;
        var nodeId = (role == NodeRole.Controller.Word() ? NodeIdentity.ControllerNodeIdBase : 0) + int.Parse(ordinal, System.Globalization.CultureInfo.InvariantCulture);
        var version = pod.Spec.Containers[0].Image.Split(':')[^1];
        if (Stale.Contains(nodeId) || !KafkaVersions.IsSupported(version)) return;
        Model.SetNodeSupport(nodeId, MetadataVersion.FromName(KafkaVersions.MetadataVersionOf(version))!);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _run;
        _stop.Dispose();
    }
}
