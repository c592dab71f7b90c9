using System.Diagnostics;
using Microsoft.AspNetCore.Http.Features;

namespace Actors.Silo.Api.Refusals;

/// <summary>
/// Listens for Kestrel's "Microsoft.AspNetCore.Server.Kestrel.BadRequest" diagnostic event — the
/// documented way to learn why it refused a request — and hands the reason to the refused
/// connection (<see cref="RefusedConnection"/>), whose answer is then amended on its way out.
/// </summary>
public sealed class ServerRefusals : IObserver<KeyValuePair<string, object?>>, IDisposable
{
    public const string BadRequestEvent = "Microsoft.AspNetCore.Server.Kestrel.BadRequest";

    private readonly IDisposable? subscription;

    public ServerRefusals(DiagnosticListener? aspNetCore) =>
        subscription = aspNetCore?.Subscribe(this, name => name == BadRequestEvent);

    public void OnNext(KeyValuePair<string, object?> value)
    {
        // The request's features fall back to its connection's, where the connection middleware left its slot.
        if (value.Key == BadRequestEvent && value.Value is IFeatureCollection request && request.Get<RefusedConnection>() is { } connection)
        {
            connection.Refuse(ServerRefusal.From(request));
        }
    }

    public void OnCompleted()
    {
    }

    public void OnError(Exception error)
    {
    }

    public void Dispose() => subscription?.Dispose();
}

/// <summary>A connection feature: set once Kestrel refused a request on this connection (it then answers and closes).</summary>
public sealed class RefusedConnection
{
    private ServerRefusal? refusal;

    public ServerRefusal? Refusal => Volatile.Read(ref refusal);

    public void Refuse(ServerRefusal reason) => Volatile.Write(ref refusal, reason);
}
