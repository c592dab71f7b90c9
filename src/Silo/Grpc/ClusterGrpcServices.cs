using Actors.Contracts.Proto;
using Actors.Silo.Api;
using Actors.Silo.Api.Access;
using Actors.Silo.Api.Refusals;
using Grpc.AspNetCore.HealthChecks;
using Grpc.AspNetCore.Server;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using System.Net;

namespace Actors.Silo.Grpc;

public static class ClusterGrpcServices
{
    /// <summary>
    /// Grpc.AspNetCore with actors.v1.ClusterService (traced, faults hidden, role-checked), the standard
    /// health service over /readyz's checks and server reflection, so grpcurl-style tools can
    /// list and call the service without the .proto.
    /// </summary>
    public static IServiceCollection AddClusterGrpc(this IServiceCollection services)
    {
        services.TryAddSingleton<BearerTokenAuthority>();
        services.AddGrpc()
            .AddServiceOptions<ClusterGrpcService>(grpc =>
            {
                grpc.Interceptors.Add<GrpcCallTracing>();
                grpc.Interceptors.Add<OperatorFaultInterceptor>();
                grpc.Interceptors.Add<RequireRoleInterceptor>();
                // Only what the library catches before the method runs keeps its own text (a
                // request that does not parse says why); OperatorFaultInterceptor answers the rest.
                grpc.EnableDetailedErrors = true;
            });
        // Same request size limit as the HTTP API, read when the options are first built.
        services.AddOptions<GrpcServiceOptions>()
            .Configure<IOptions<ClusterApiOptions>>((grpc, api) => grpc.MaxReceiveMessageSize = api.Value.MaxRequestBytes);
        // "" is the whole server (what a probe without a service name asks); the service's own
        // name answers the same, for clients that ask per service.
        services.AddGrpcHealthChecks(health => health.Services.Map(ClusterService.Descriptor.FullName, (HealthCheckMapContext _) => true))
            .AddCheck<ReadinessHealthCheck>(ReadinessHealthCheck.Name);
        services.AddGrpcReflection();
        return services;
    }

    /// <summary>
    /// Maps the three services, each with case-sensitive method names as every gRPC server has.
    /// Health and reflection need no token, like /healthz and /openapi/v1.json: they say whether
    /// the operator serves and what it serves, nothing about clusters.
    /// </summary>
    public static IEndpointRouteBuilder MapClusterGrpc(this IEndpointRouteBuilder app)
    {
        app.MapGrpcService<ClusterGrpcService>().WithExactMethodNames();
        app.MapGrpcHealthChecksService().WithExactMethodNames();
        app.MapGrpcReflectionService().WithExactMethodNames();
        return app;
    }

    /// <summary>
    /// The operator's two listeners: HTTP/1.1 for the HTTP API, metrics and health, and
    /// HTTP/2-only for gRPC, which is what lets clients speak h2c with prior knowledge. A request
    /// the HTTP/1.1 listener cannot read is answered with a problem document too.
    /// Port 0 picks a free port (tests).
    /// </summary>
    public static KestrelServerOptions ListenOperatorEndpoints(this KestrelServerOptions kestrel, IPAddress address, int httpPort = 8080, int grpcPort = 8081)
    {
        kestrel.Listen(address, httpPort, listen =>
        {
            listen.Protocols = HttpProtocols.Http1; // cleartext: no HTTP/2 without TLS
            listen.AnswerRefusalsWithProblems();
        });
        kestrel.Listen(address, grpcPort, listen => listen.Protocols = HttpProtocols.Http2);
        return kestrel;
    }
}
