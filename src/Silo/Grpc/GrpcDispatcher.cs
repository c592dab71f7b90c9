using Actors.Silo.Api;
using Actors.Silo.Api.Access;
using Google.Protobuf;
using Microsoft.Extensions.Options;
using System.Diagnostics;
using Actors.Silo.Telemetry;

namespace Actors.Silo.Grpc;

/// <summary>
/// The gRPC wire protocol over HTTP/2 (h2c on the gRPC port): picks up requests whose
/// content-type is application/grpc, finds the method in the <see cref="GrpcMethodTable"/>,
/// checks the bearer token, reads the one request message, honours grpc-timeout, and always
/// ends the call with grpc-status (and a percent-encoded grpc-message) — in the headers when
/// nothing was sent yet (trailers-only), else in the trailers.
/// </summary>
public sealed class GrpcDispatcher(
    RequestDelegate next,
    GrpcMethodTable methods,
    BearerTokenAuthority authority,
    IOptions<ClusterApiOptions> options,
    TimeProvider time,
    IHostApplicationLifetime lifetime,
    ILogger<GrpcDispatcher> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if (request.ContentType is not { } contentType || !contentType.StartsWith("application/grpc", StringComparison.OrdinalIgnoreCase))
        {
            await next(context);
            return;
        }

        if (!HttpProtocol.IsHttp2(request.Protocol))
        {
            context.Response.StatusCode = StatusCodes.Status426UpgradeRequired;
            await context.Response.WriteAsync("gRPC needs HTTP/2; connect to the gRPC port with HTTP/2 (h2c prior knowledge).");
            return;
        }

        var path = request.Path.Value ?? "";
        using var activity = ActorsTelemetry.Api.StartActivity(path.TrimStart('/'), ActivityKind.Server);
        activity?.SetTag("rpc.system", "grpc");
        activity?.SetTag("rpc.method", path);
        var status = await CallAsync(context, path);
        activity?.SetTag("rpc.grpc.status_code", (int)status);
        if (status is not GrpcStatusCode.Ok and not GrpcStatusCode.Cancelled and not GrpcStatusCode.NotFound)
        {
            activity?.SetStatus(ActivityStatusCode.Error, status.ToString());
        }
    }

    private async Task<GrpcStatusCode> CallAsync(HttpContext context, string path)
    {
        var request = context.Request;
        var response = context.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "application/grpc";
        response.Headers["grpc-accept-encoding"] = "identity";

        if (!HttpMethods.IsPost(request.Method))
        {
            return await FinishAsync(context, GrpcStatusCode.Unimplemented, $"gRPC calls are POST requests, not {request.Method}.");
        }

        if (!methods.TryFind(path, out var method))
        {
            return await FinishAsync(context, GrpcStatusCode.Unimplemented, $"Unknown method {path}.");
        }

        if (!GrpcTimeout.TryParse(request.Headers["grpc-timeout"], out var timeout))
        {
            return await FinishAsync(context, GrpcStatusCode.Internal, $"Malformed grpc-timeout '{request.Headers["grpc-timeout"]}'.");
        }

        var access = authority.Decide(request.Headers.Authorization, method.Role);
        if (access.Outcome != AccessOutcome.Granted)
        {
            var code = access.Outcome == AccessOutcome.Forbidden ? GrpcStatusCode.PermissionDenied : GrpcStatusCode.Unauthenticated;
            return await FinishAsync(context, code, access.Message);
        }

        using var deadline = timeout is { } t ? new CancellationTokenSource(t, time) : new CancellationTokenSource();
        using var call = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, deadline.Token, lifetime.ApplicationStopping);
        var callContext = new GrpcCallContext(context, path, timeout is { } d ? time.GetUtcNow() + d : null, call.Token);
        try
        {
            var message = await ReadRequestAsync(context, method, call.Token);
            if (method.Kind == GrpcMethodKind.Unary)
            {
                var reply = await method.Unary!(message, callContext);
                await WriteMessageAsync(response, reply, call.Token);
            }
            else
            {
                await method.Streaming!(message, reply => WriteMessageAsync(response, reply, call.Token), callContext);
            }

            return await FinishAsync(context, GrpcStatusCode.Ok, null);
        }
        catch (GrpcCallException error)
        {
            return await FinishAsync(context, error.Status, error.Message);
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !context.RequestAborted.IsCancellationRequested)
        {
            return await FinishAsync(context, GrpcStatusCode.DeadlineExceeded, $"The deadline of {timeout} passed before {path} finished.");
        }
        catch (OperationCanceledException) when (lifetime.ApplicationStopping.IsCancellationRequested && !context.RequestAborted.IsCancellationRequested)
        {
            // Shutdown does not wait on open streams: tell the client to come back.
            return await FinishAsync(context, GrpcStatusCode.Unavailable, "The operator is shutting down; retry against another replica or after it restarts.");
        }
        catch (Exception) when (context.RequestAborted.IsCancellationRequested)
        {
            return GrpcStatusCode.Cancelled; // the client reset the stream; nobody is listening
        }
        catch (Exception error)
        {
            logger.LogError(error, "gRPC call {Path} failed", path);
            return await FinishAsync(context, GrpcStatusCode.Internal, $"{path} failed inside the operator; see its log.");
        }
    }

    private async Task<IMessage> ReadRequestAsync(HttpContext context, GrpcMethod method, CancellationToken cancellationToken)
    {
        var limit = options.Value.MaxRequestBytes;
        using var body = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await context.Request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (body.Length + read > limit + GrpcFrames.HeaderLength)
            {
                throw new GrpcCallException(GrpcStatusCode.ResourceExhausted, $"The request message is larger than the limit of {limit} bytes.");
            }

            body.Write(chunk, 0, read);
        }

        var (message, error) = GrpcFrames.ReadSingle(body.ToArray(), context.Request.Headers["grpc-encoding"], limit);
        if (error is not null)
        {
            throw error;
        }

        try
        {
            return method.Parse(message);
        }
        catch (InvalidProtocolBufferException malformed)
        {
            throw new GrpcCallException(GrpcStatusCode.InvalidArgument, $"The request is not a valid {method.RequestType}: {malformed.Message}");
        }
    }

    private static async Task WriteMessageAsync(HttpResponse response, IMessage message, CancellationToken cancellationToken)
    {
        if (!response.HasStarted)
        {
            await response.StartAsync(cancellationToken); // headers go out before the first message
        }

        await response.Body.WriteAsync(GrpcFrames.Frame(message.ToByteArray()), cancellationToken);
        await response.Body.FlushAsync(cancellationToken);
    }

    private static Task<GrpcStatusCode> FinishAsync(HttpContext context, GrpcStatusCode status, string? message)
    {
        var response = context.Response;
        if (response.HasStarted)
        {
            response.AppendTrailer("grpc-status", ((int)status).ToString());
            if (!string.IsNullOrEmpty(message))
            {
                response.AppendTrailer("grpc-message", GrpcStatusMessage.Encode(message));
            }
        }
        else
        {
            // Trailers-only: the status rides in the headers of a response without a body.
            response.Headers["grpc-status"] = ((int)status).ToString();
            if (!string.IsNullOrEmpty(message))
            {
                response.Headers["grpc-message"] = GrpcStatusMessage.Encode(message);
            }
        }

        return Task.FromResult(status);
    }
}
