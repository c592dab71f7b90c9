using Actors.Silo.Api.Access;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection.Extensions;
using System.Net;

namespace Actors.Silo.Grpc;

public static class ClusterGrpcServices
{
    /// <summary>Registers the method table with actors.v1.ClusterService in it.</summary>
    public static IServiceCollection AddClusterGrpc(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<BearerTokenAuthority>();
        services.TryAddSingleton<ClusterGrpcService>();
        services.TryAddSingleton(provider =>
        {
            var table = new GrpcMethodTable();
            provider.GetRequiredService<ClusterGrpcService>().AddTo(table);
            return table;
        });
        return services;
    }

    /// <summary>Answers application/grpc requests; call before mapping other endpoints.</summary>
    public static IApplicationBuilder UseClusterGrpc(this IApplicationBuilder app) => app.UseMiddleware<GrpcDispatcher>();

    /// <summary>
    /// The operator's two listeners: HTTP/1.1 and HTTP/2 for the HTTP API, metrics and health,
    /// and HTTP/2-only for gRPC, which is what lets clients speak h2c with prior knowledge.
    /// Port 0 picks a free port (tests).
    /// </summary>
    public static KestrelServerOptions ListenOperatorEndpoints(this KestrelServerOptions kestrel, IPAddress address, int httpPort = 8080, int grpcPort = 8081)
    {
        kestrel.Listen(address, httpPort, listen => listen.Protocols = HttpProtocols.Http1); // cleartext: no HTTP/2 without TLS
        kestrel.Listen(address, grpcPort, listen => listen.Protocols = HttpProtocols.Http2);
        return kestrel;
    }
}
