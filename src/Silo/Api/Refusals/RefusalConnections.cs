using System.IO.Pipelines;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Actors.Silo.Api.Refusals;

/// <summary>
/// Kestrel answers a request it cannot read (a NUL in the path, a byte outside the request-target
/// characters, no Host header) itself, with a bare status and no body, before any middleware runs;
/// it offers no hook to change that answer. Two public hooks together do: connection middleware,
/// which owns the bytes Kestrel writes, and the "BadRequest" diagnostic event, which says why.
/// </summary>
public static class RefusalConnections
{
    /// <summary>
    /// For an HTTP/1.1-only listener; any other leaves its connections alone (HTTP/2 refuses with
    /// stream errors, not with an answer, and its bytes must never be held).
    /// </summary>
    public static ListenOptions AnswerRefusalsWithProblems(this ListenOptions listen)
    {
        listen.Use(next =>
        {
            // Subscribed before the first connection is accepted.
            listen.ApplicationServices.GetRequiredService<ServerRefusals>();
            return async connection =>
            {
                if (listen.Protocols != HttpProtocols.Http1)
                {
                    await next(connection);
                    return;
                }

                var refused = new RefusedConnection();
                connection.Features.Set(refused);
                var transport = connection.Transport;
                connection.Transport = new Duplex(transport.Input, new RefusalAnsweringWriter(transport.Output, refused));
                try
                {
                    await next(connection);
                }
                finally
                {
                    connection.Transport = transport;
                }
            };
        });
        return listen;
    }

    private sealed record Duplex(PipeReader Input, PipeWriter Output) : IDuplexPipe;
}
