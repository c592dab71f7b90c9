using Actors.Silo.Api.Access;
using Google.Protobuf;

namespace Actors.Silo.Grpc;

public enum GrpcMethodKind
{
    Unary,
    ServerStreaming,
}

/// <summary>One callable method: its path, shape, the role it needs and its handler.</summary>
public sealed record GrpcMethod(
    string Path,
    GrpcMethodKind Kind,
    ApiRole Role,
    string RequestType,
    Func<ReadOnlyMemory<byte>, IMessage> Parse,
    Func<IMessage, GrpcCallContext, Task<IMessage>>? Unary,
    Func<IMessage, Func<IMessage, Task>, GrpcCallContext, Task>? Streaming);

/// <summary>
/// The methods a server answers, by path "/package.Service/Method". The framing and status
/// handling (<see cref="GrpcDispatcher"/>) is generic; services only add typed handlers here.
/// </summary>
public sealed class GrpcMethodTable
{
    private readonly Dictionary<string, GrpcMethod> methods = new(StringComparer.Ordinal);

    public IReadOnlyCollection<GrpcMethod> Methods => methods.Values;

    public GrpcMethodTable AddUnary<TRequest, TResponse>(
        string service, string method, ApiRole role, Func<TRequest, GrpcCallContext, Task<TResponse>> handler)
        where TRequest : IMessage<TRequest>, new()
        where TResponse : IMessage
    {
        var parser = new MessageParser<TRequest>(() => new TRequest());
        Add(new GrpcMethod(
            $"/{service}/{method}", GrpcMethodKind.Unary, role, new TRequest().Descriptor.FullName,
            bytes => parser.ParseFrom(bytes.Span),
            async (request, call) => await handler((TRequest)request, call),
            null));
        return this;
    }

    public GrpcMethodTable AddServerStreaming<TRequest, TResponse>(
        string service, string method, ApiRole role, Func<TRequest, Func<TResponse, Task>, GrpcCallContext, Task> handler)
        where TRequest : IMessage<TRequest>, new()
        where TResponse : IMessage
    {
        var parser = new MessageParser<TRequest>(() => new TRequest());
        Add(new GrpcMethod(
            $"/{service}/{method}", GrpcMethodKind.ServerStreaming, role, new TRequest().Descriptor.FullName,
            bytes => parser.ParseFrom(bytes.Span),
            null,
            (request, write, call) => handler((TRequest)request, response => write(response), call)));
        return this;
    }

    public bool TryFind(string path, out GrpcMethod method) => methods.TryGetValue(path, out method!);

    private void Add(GrpcMethod method)
    {
        if (!methods.TryAdd(method.Path, method))
        {
            throw new InvalidOperationException($"gRPC method {method.Path} is registered twice.");
        }
    }
}
