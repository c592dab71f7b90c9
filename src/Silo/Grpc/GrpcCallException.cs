namespace Actors.Silo.Grpc;

/// <summary>Ends a call with a status other than OK; the message goes to the client as grpc-message.</summary>
public sealed class GrpcCallException(GrpcStatusCode status, string message) : Exception(message)
{
    public GrpcStatusCode Status { get; } = status;
}
