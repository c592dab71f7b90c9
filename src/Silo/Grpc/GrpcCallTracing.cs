using System.Diagnostics;
using Actors.Silo.Telemetry;
using Grpc.Core;
using Grpc.Core.Interceptors;

namespace Actors.Silo.Grpc;

/// <summary>
/// One "Actors.Api" span per gRPC call, like the HTTP API's, named by the method
/// ("actors.v1.ClusterService/GetCluster") and tagged with its status code. It wraps the role
/// check, so refused calls are traced too.
/// </summary>
public sealed class GrpcCallTracing : Interceptor
{
    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        using var activity = Start(context);
        try
        {
            var response = await continuation(request, context);
            Finish(activity, context.Status.StatusCode);
            return response;
        }
        catch (Exception error)
        {
            Finish(activity, StatusOf(error, context));
            throw;
        }
    }

    public override async Task ServerStreamingServerHandler<TRequest, TResponse>(
        TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        using var activity = Start(context);
        try
        {
            await continuation(request, responseStream, context);
            Finish(activity, context.Status.StatusCode);
        }
        catch (Exception error)
        {
            Finish(activity, StatusOf(error, context));
            throw;
        }
    }

    private static Activity? Start(ServerCallContext context)
    {
        var activity = ActorsTelemetry.Api.StartActivity(context.Method.TrimStart('/'), ActivityKind.Server);
        activity?.SetTag("rpc.system", "grpc");
        activity?.SetTag("rpc.method", context.Method);
        return activity;
    }

    // What Grpc.AspNetCore will answer for this exception.
    private static StatusCode StatusOf(Exception error, ServerCallContext context) => error switch
    {
        RpcException rpc => rpc.StatusCode,
        OperationCanceledException when context.Deadline <= DateTime.UtcNow => StatusCode.DeadlineExceeded,
        OperationCanceledException when context.CancellationToken.IsCancellationRequested => StatusCode.Cancelled,
        _ => StatusCode.Unknown,
    };

    private static void Finish(Activity? activity, StatusCode status)
    {
        activity?.SetTag("rpc.grpc.status_code", (int)status);
        // A missing cluster or a cancelled watch is the caller's business, not an operator error.
        if (status is not StatusCode.OK and not StatusCode.Cancelled and not StatusCode.NotFound)
        {
            activity?.SetStatus(ActivityStatusCode.Error, status.ToString());
        }
    }
}
