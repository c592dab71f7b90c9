using Actors.Contracts.Proto;
using Google.Protobuf;
using Grpc.Core;

namespace Actors.Silo.Grpc;

/// <summary>
/// Binds <see cref="ClusterGrpcService"/> as the generated code does, with one change: a request
/// message that does not parse is INVALID_ARGUMENT saying why, where Grpc.AspNetCore would answer
/// UNKNOWN ("Exception was thrown by handler") for the parser's exception. Bad bytes from a
/// client are the client's error, not an unknown one in the operator.
/// Grpc.AspNetCore finds this through the <see cref="BindServiceMethodAttribute"/> on the service.
/// </summary>
public static class ParsedRequestBinding
{
    public static void BindService(ServiceBinderBase binder, ClusterService.ClusterServiceBase service) =>
        ClusterService.BindService(new RefusingBinder(binder), service);

    private static Marshaller<T> Refusing<T>(Marshaller<T> parser) => new(
        parser.ContextualSerializer,
        context =>
        {
            try
            {
                return parser.ContextualDeserializer(context);
            }
            catch (InvalidProtocolBufferException error)
            {
                throw new RpcException(new Status(StatusCode.InvalidArgument,
                    $"The request is not a valid {typeof(T).Name} message: {error.Message}"));
            }
        });

    private static Method<TRequest, TResponse> Refusing<TRequest, TResponse>(Method<TRequest, TResponse> method)
        where TRequest : class where TResponse : class =>
        new(method.Type, method.ServiceName, method.Name, Refusing(method.RequestMarshaller), method.ResponseMarshaller);

    private sealed class RefusingBinder(ServiceBinderBase inner) : ServiceBinderBase
    {
        public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, UnaryServerMethod<TRequest, TResponse>? handler) =>
            inner.AddMethod(Refusing(method), handler);

        public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, ServerStreamingServerMethod<TRequest, TResponse>? handler) =>
            inner.AddMethod(Refusing(method), handler);

        public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, ClientStreamingServerMethod<TRequest, TResponse>? handler) =>
            inner.AddMethod(Refusing(method), handler);

        public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, DuplexStreamingServerMethod<TRequest, TResponse>? handler) =>
            inner.AddMethod(Refusing(method), handler);
    }
}
