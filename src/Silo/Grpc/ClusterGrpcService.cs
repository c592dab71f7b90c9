using System.Diagnostics;
using Actors.Contracts.Api;
using Actors.Contracts.Proto;
using Actors.Silo.Api.Access;

namespace Actors.Silo.Grpc;

/// <summary>
/// actors.v1.ClusterService: each method checks its request with
/// <see cref="ClusterRequestRules"/> (INVALID_ARGUMENT naming the field) before calling
/// <see cref="IClusterOperations"/>, and maps the seam's typed failures to status codes.
/// </summary>
public sealed class ClusterGrpcService(IClusterOperations clusters)
{
    public const string ServiceName = "actors.v1.ClusterService";

    public void AddTo(GrpcMethodTable table) => table
        .AddUnary<ListClustersRequest, ListClustersResponse>(ServiceName, "ListClusters", ApiRole.Read, ListClusters)
        .AddUnary<GetClusterRequest, Cluster>(ServiceName, "GetCluster", ApiRole.Read, (r, call) =>
            Call(r.Namespace, r.Name, () => clusters.GetClusterAsync(r.Namespace, r.Name, call.CancellationToken)))
        .AddUnary<ScaleBrokersRequest, Cluster>(ServiceName, "ScaleBrokers", ApiRole.Admin, ScaleBrokers)
        .AddUnary<RestartClusterRequest, Cluster>(ServiceName, "RestartCluster", ApiRole.Admin, (r, call) =>
            Call(r.Namespace, r.Name, () => clusters.RequestRollingRestartAsync(r.Namespace, r.Name, call.CancellationToken)))
        .AddUnary<PauseClusterRequest, Cluster>(ServiceName, "PauseCluster", ApiRole.Admin, (r, call) =>
            Call(r.Namespace, r.Name, () => clusters.PauseAsync(r.Namespace, r.Name, call.CancellationToken)))
        .AddUnary<ResumeClusterRequest, Cluster>(ServiceName, "ResumeCluster", ApiRole.Admin, (r, call) =>
            Call(r.Namespace, r.Name, () => clusters.ResumeAsync(r.Namespace, r.Name, call.CancellationToken)))
        .AddUnary<ListEventsRequest, ListEventsResponse>(ServiceName, "ListEvents", ApiRole.Read, ListEvents)
        .AddServerStreaming<WatchClusterRequest, Cluster>(ServiceName, "WatchCluster", ApiRole.Read, WatchCluster);

    private async Task<ListClustersResponse> ListClusters(ListClustersRequest request, GrpcCallContext call)
    {
        var ns = request.Namespace.Length == 0 ? null : request.Namespace;
        if (ns is not null)
        {
            Check(ClusterRequestRules.CheckNamespace(ns));
        }

        var response = new ListClustersResponse();
        response.Clusters.Add((await Seam(() => clusters.ListClustersAsync(ns, call.CancellationToken))).Select(v => v.ToProto()));
        return response;
    }

    private Task<Cluster> ScaleBrokers(ScaleBrokersRequest request, GrpcCallContext call)
    {
        Check(ClusterRequestRules.CheckCluster(request.Namespace, request.Name));
        if (!request.HasBrokers)
        {
            throw new GrpcCallException(GrpcStatusCode.InvalidArgument, "brokers: field 'brokers' is required.");
        }

        Check(ClusterRequestRules.CheckBrokers(request.Brokers));
        return Call(request.Namespace, request.Name, () => clusters.ScaleBrokersAsync(request.Namespace, request.Name, request.Brokers, call.CancellationToken));
    }

    private async Task<ListEventsResponse> ListEvents(ListEventsRequest request, GrpcCallContext call)
    {
        Check(ClusterRequestRules.CheckCluster(request.Namespace, request.Name));
        Tag(request.Namespace, request.Name);
        var response = new ListEventsResponse();
        response.Events.Add((await Seam(() => clusters.ListEventsAsync(request.Namespace, request.Name, call.CancellationToken))).Select(e => e.ToProto()));
        return response;
    }

    private async Task WatchCluster(WatchClusterRequest request, Func<Cluster, Task> write, GrpcCallContext call)
    {
        Check(ClusterRequestRules.CheckCluster(request.Namespace, request.Name));
        Tag(request.Namespace, request.Name);
        try
        {
            await foreach (var view in clusters.WatchClusterAsync(request.Namespace, request.Name, call.CancellationToken))
            {
                await write(view.ToProto());
            }
        }
        catch (ClusterOperationException error)
        {
            throw ToStatus(error);
        }
    }

    private static async Task<Cluster> Call(string ns, string name, Func<Task<ClusterView>> action)
    {
        Check(ClusterRequestRules.CheckCluster(ns, name));
        Tag(ns, name);
        return (await Seam(action)).ToProto();
    }

    private static async Task<T> Seam<T>(Func<Task<T>> action)
    {
        try
        {
            return await action();
        }
        catch (ClusterOperationException error)
        {
            throw ToStatus(error);
        }
    }

    // The dispatcher's span for this call says which cluster it was about.
    private static void Tag(string ns, string name) => Activity.Current?.SetTag("actors.cluster", $"{ns}/{name}");

    private static void Check(RequestProblem? problem)
    {
        if (problem is not null)
        {
            throw new GrpcCallException(GrpcStatusCode.InvalidArgument, $"{problem.Field}: {problem.Message}");
        }
    }

    private static GrpcCallException ToStatus(ClusterOperationException error) => error switch
    {
        ClusterNotFoundException => new(GrpcStatusCode.NotFound, error.Message),
        InvalidClusterRequestException invalid => new(GrpcStatusCode.InvalidArgument, $"{invalid.Field}: {invalid.Message}"),
        ClusterConflictException => new(GrpcStatusCode.FailedPrecondition, error.Message),
        _ => new(GrpcStatusCode.Internal, error.Message),
    };
}
