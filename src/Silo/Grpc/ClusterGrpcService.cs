using System.Diagnostics;
using Actors.Contracts.Api;
using Actors.Contracts.Proto;
using Actors.Silo.Api.Access;
using Grpc.Core;

namespace Actors.Silo.Grpc;

/// <summary>
/// actors.v1.ClusterService: each method checks its request with
/// <see cref="ClusterRequestRules"/> (INVALID_ARGUMENT naming the field) before calling
/// <see cref="IClusterOperations"/>, and maps the seam's typed failures to status codes.
/// Who may call what is declared with <see cref="RequiresRoleAttribute"/> and enforced by
/// <see cref="RequireRoleInterceptor"/> before any method runs.
/// </summary>
[BindServiceMethod(typeof(ParsedRequestBinding), nameof(ParsedRequestBinding.BindService))]
public sealed class ClusterGrpcService(IClusterOperations clusters, IHostApplicationLifetime lifetime) : ClusterService.ClusterServiceBase
{
    [RequiresRole(ApiRole.Read)]
    public override async Task<ListClustersResponse> ListClusters(ListClustersRequest request, ServerCallContext context)
    {
        var ns = request.Namespace.Length == 0 ? null : request.Namespace;
        if (ns is not null)
        {
            Check(ClusterRequestRules.CheckNamespace(ns));
        }

        var response = new ListClustersResponse();
        response.Clusters.Add((await Seam(() => clusters.ListClustersAsync(ns, context.CancellationToken))).Select(v => v.ToProto()));
        return response;
    }

    [RequiresRole(ApiRole.Read)]
    public override Task<Cluster> GetCluster(GetClusterRequest request, ServerCallContext context) =>
        Call(request.Namespace, request.Name, () => clusters.GetClusterAsync(request.Namespace, request.Name, context.CancellationToken));

    [RequiresRole(ApiRole.Admin)]
    public override Task<Cluster> ScaleBrokers(ScaleBrokersRequest request, ServerCallContext context)
    {
        Check(ClusterRequestRules.CheckCluster(request.Namespace, request.Name));
        if (!request.HasBrokers)
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, "brokers: field 'brokers' is required."));
        }

        Check(ClusterRequestRules.CheckBrokers(request.Brokers));
        return Call(request.Namespace, request.Name, () => clusters.ScaleBrokersAsync(request.Namespace, request.Name, request.Brokers, context.CancellationToken));
    }

    [RequiresRole(ApiRole.Admin)]
    public override Task<Cluster> RestartCluster(RestartClusterRequest request, ServerCallContext context) =>
        Call(request.Namespace, request.Name, () => clusters.RequestRollingRestartAsync(request.Namespace, request.Name, context.CancellationToken));

    [RequiresRole(ApiRole.Admin)]
    public override Task<Cluster> PauseCluster(PauseClusterRequest request, ServerCallContext context) =>
        Call(request.Namespace, request.Name, () => clusters.PauseAsync(request.Namespace, request.Name, context.CancellationToken));

    [RequiresRole(ApiRole.Admin)]
    public override Task<Cluster> ResumeCluster(ResumeClusterRequest request, ServerCallContext context) =>
        Call(request.Namespace, request.Name, () => clusters.ResumeAsync(request.Namespace, request.Name, context.CancellationToken));

    [RequiresRole(ApiRole.Read)]
    public override async Task<ListEventsResponse> ListEvents(ListEventsRequest request, ServerCallContext context)
    {
        Check(ClusterRequestRules.CheckCluster(request.Namespace, request.Name));
        Tag(request.Namespace, request.Name);
        var response = new ListEventsResponse();
        response.Events.Add((await Seam(() => clusters.ListEventsAsync(request.Namespace, request.Name, context.CancellationToken))).Select(e => e.ToProto()));
        return response;
    }

    [RequiresRole(ApiRole.Read)]
    public override async Task WatchCluster(WatchClusterRequest request, IServerStreamWriter<Cluster> responseStream, ServerCallContext context)
    {
        Check(ClusterRequestRules.CheckCluster(request.Namespace, request.Name));
        Tag(request.Namespace, request.Name);

        // Kestrel waits for open requests when the host stops, and a watch never ends by
        // itself: shutdown ends it, telling the client to come back.
        using var call = CancellationTokenSource.CreateLinkedTokenSource(context.CancellationToken, lifetime.ApplicationStopping);
        try
        {
            await foreach (var view in clusters.WatchClusterAsync(request.Namespace, request.Name, call.Token))
            {
                await responseStream.WriteAsync(view.ToProto(), call.Token);
            }
        }
        catch (ClusterOperationException error)
        {
            throw ToStatus(error);
        }
        catch (OperationCanceledException) when (lifetime.ApplicationStopping.IsCancellationRequested && !context.CancellationToken.IsCancellationRequested)
        {
            throw new RpcException(new Status(StatusCode.Unavailable, "The operator is shutting down; retry against another replica or after it restarts."));
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

    // The call's span (GrpcCallTracing) says which cluster it was about.
    private static void Tag(string ns, string name) => Activity.Current?.SetTag("actors.cluster", $"{ns}/{name}");

    private static void Check(RequestProblem? problem)
    {
        if (problem is not null)
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, $"{problem.Field}: {problem.Message}"));
        }
    }

    private static RpcException ToStatus(ClusterOperationException error) => new(error switch
    {
        ClusterNotFoundException => new Status(StatusCode.NotFound, error.Message),
        InvalidClusterRequestException invalid => new Status(StatusCode.InvalidArgument, $"{invalid.Field}: {invalid.Message}"),
        ClusterConflictException => new Status(StatusCode.FailedPrecondition, error.Message),
        _ => new Status(StatusCode.Internal, error.Message),
    });
}
