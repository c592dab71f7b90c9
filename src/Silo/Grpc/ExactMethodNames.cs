using System.Globalization;
using Grpc.AspNetCore.Server;
using Grpc.Core;
using Microsoft.AspNetCore.Http.Features;

namespace Actors.Silo.Grpc;

/// <summary>
/// gRPC method names are case-sensitive: grpc-go and the C core answer UNIMPLEMENTED to
/// "/actors.v1.ClusterService/getcluster". ASP.NET Core routing matches literal segments
/// ignoring case, so without this a client that misspells the case is served and would break on
/// any other server. Each method's endpoint first compares the request's :path with the
/// method's full name, byte for byte.
/// </summary>
public static class ExactMethodNames
{
    /// <summary>What Grpc.AspNetCore says of a method it does not have, and why this one is not it.</summary>
    public static string Unimplemented(string fullName) =>
        $"Method is unimplemented. gRPC method names are case-sensitive; did you mean {fullName}?";

    /// <summary>Applies to every method endpoint of the service; its unimplemented-method endpoints are left as they are.</summary>
    public static TBuilder WithExactMethodNames<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder
    {
        builder.Add(endpoint =>
        {
            var method = endpoint.Metadata.OfType<GrpcMethodMetadata>().LastOrDefault();
            if (method is null || endpoint.RequestDelegate is not { } serve)
            {
                return;
            }

            var fullName = method.Method.FullName;
            endpoint.RequestDelegate = context => IsExactly(context, fullName) ? serve(context) : AnswerUnimplementedAsync(context, fullName);
        });
        return builder;
    }

    /// <summary>The raw :path, not the decoded Path: "/actors.v1.ClusterService/Get%43luster" is not a method name either.</summary>
    private static bool IsExactly(HttpContext context, string fullName) =>
        string.Equals(context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? context.Request.Path.Value, fullName, StringComparison.Ordinal);

    /// <summary>A trailers-only answer, as Grpc.AspNetCore gives for an unknown method: 200, grpc-status in the headers.</summary>
    private static Task AnswerUnimplementedAsync(HttpContext context, string fullName)
    {
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = "application/grpc";
        context.Response.Headers["grpc-status"] = ((int)StatusCode.Unimplemented).ToString(CultureInfo.InvariantCulture);
        context.Response.Headers["grpc-message"] = Unimplemented(fullName);
        return Task.CompletedTask;
    }
}
