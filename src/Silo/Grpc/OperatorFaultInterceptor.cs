using Grpc.Core;
using Grpc.Core.Interceptors;

namespace Actors.Silo.Grpc;

/// <summary>
/// An exception a method did not expect is logged with its stack and answered INTERNAL with a
/// message that says where to look, never with the exception's own text (which may name
/// internals). Status the methods chose (<see cref="RpcException"/>) and cancellation pass as they are.
/// </summary>
public sealed class OperatorFaultInterceptor(ILogger<OperatorFaultInterceptor> logger) : Interceptor
{
    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            return await continuation(request, context);
        }
        catch (Exception error) when (Unexpected(error, context))
        {
            throw Fault(error, context);
        }
    }

    public override async Task ServerStreamingServerHandler<TRequest, TResponse>(
        TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            await continuation(request, responseStream, context);
        }
        catch (Exception error) when (Unexpected(error, context))
        {
            throw Fault(error, context);
        }
    }

    private static bool Unexpected(Exception error, ServerCallContext context) =>
        error is not RpcException && !(error is OperationCanceledException && context.CancellationToken.IsCancellationRequested);

    private RpcException Fault(Exception error, ServerCallContext context)
    {
        logger.LogError(error, "gRPC call {Method} failed", context.Method);
        return new RpcException(new Status(StatusCode.Internal, $"{context.Method} failed inside the operator; see its log."));
    }
}
