using Actors.Contracts.Api;
using Actors.Silo.Api.Access;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace Actors.Silo.Api;

/// <summary>
/// The HTTP API under /api/v1. Every handler checks its input with
/// <see cref="ClusterRequestRules"/> before calling <see cref="IClusterOperations"/>;
/// failures are problem details (see <see cref="ApiProblems"/>).
/// </summary>
public static class ClusterApiEndpoints
{
    private const string Cluster = "/clusters/{namespace}/{name}";

    /// <summary>Maps /api/v1/clusters… and the OpenAPI document at /openapi/v1.json.</summary>
    public static IEndpointRouteBuilder MapClusterApi(this IEndpointRouteBuilder app)
    {
        app.MapOpenApi("/openapi/{documentName}.json");

        var api = app.MapGroup("/api/v1")
            .AddEndpointFilter<ClusterErrorFilter>()
            .WithTags("Clusters")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized);

        var read = api.MapGroup("").AddEndpointFilter(new RequireRoleFilter(ApiRole.Read));
        var admin = api.MapGroup("").AddEndpointFilter(new RequireRoleFilter(ApiRole.Admin))
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        read.MapGet("/clusters", ListClusters)
            .WithName("ListClusters").WithSummary("Lists KafkaClusters, optionally of one namespace.");
        read.MapGet(Cluster, GetCluster)
            .WithName("GetCluster").WithSummary("Shows one KafkaCluster's status.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        read.MapGet(Cluster + "/events", ListEvents)
            .WithName("ListClusterEvents").WithSummary("Lists the Kubernetes events about a cluster and its nodes.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        read.MapGet(Cluster + "/watch", WatchCluster)
            .WithName("WatchCluster")
            .WithSummary("Streams the cluster's view as server-sent events: the current view, then one per change.")
            .Produces<ClusterView>(StatusCodes.Status200OK, "text/event-stream")
            .ProducesProblem(StatusCodes.Status404NotFound);

        admin.MapPost(Cluster + "/scale", ScaleBrokers)
            .WithName("ScaleBrokers").WithSummary("Sets the desired number of brokers.")
            .Accepts<ScaleRequest>("application/json")
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
        admin.MapPost(Cluster + "/restart", RestartCluster)
            .WithName("RestartCluster").WithSummary("Asks for a rolling restart of every node, one at a time.");
        admin.MapPost(Cluster + "/pause", PauseCluster)
            .WithName("PauseCluster").WithSummary("Stops the operator acting on the cluster; pods keep running.");
        admin.MapPost(Cluster + "/resume", ResumeCluster)
            .WithName("ResumeCluster").WithSummary("Lets the operator act on the cluster again.");

        return app;
    }

    private static async Task<IResult> ListClusters(string? @namespace, IClusterOperations clusters, CancellationToken cancellationToken)
    {
        if (@namespace is not null && ClusterRequestRules.CheckNamespace(@namespace) is { } problem)
        {
            return ApiProblems.BadRequest(problem);
        }

        return TypedResults.Ok(await clusters.ListClustersAsync(@namespace, cancellationToken));
    }

    private static async Task<IResult> GetCluster(string @namespace, string name, IClusterOperations clusters, CancellationToken cancellationToken) =>
        ClusterRequestRules.CheckCluster(@namespace, name) is { } problem
            ? ApiProblems.BadRequest(problem)
            : TypedResults.Ok(await clusters.GetClusterAsync(@namespace, name, cancellationToken));

    private static async Task<IResult> ListEvents(string @namespace, string name, IClusterOperations clusters, CancellationToken cancellationToken) =>
        ClusterRequestRules.CheckCluster(@namespace, name) is { } problem
            ? ApiProblems.BadRequest(problem)
            : TypedResults.Ok(await clusters.ListEventsAsync(@namespace, name, cancellationToken));

    private static async Task<IResult> WatchCluster(
        string @namespace, string name, IClusterOperations clusters, IOptions<ClusterApiOptions> options,
        IOptions<JsonOptions> json, TimeProvider time, IHostApplicationLifetime lifetime, CancellationToken cancellationToken) =>
        ClusterRequestRules.CheckCluster(@namespace, name) is { } problem
            ? ApiProblems.BadRequest(problem)
            : await ClusterWatchStream.OpenAsync(
                ends => clusters.WatchClusterAsync(@namespace, name, ends),
                options.Value.WatchHeartbeat, time, json.Value.SerializerOptions, cancellationToken, lifetime.ApplicationStopping);

    private static async Task<IResult> ScaleBrokers(
        string @namespace, string name, HttpRequest request, IClusterOperations clusters, IOptions<ClusterApiOptions> options,
        CancellationToken cancellationToken)
    {
        if (ClusterRequestRules.CheckCluster(@namespace, name) is { } keyProblem)
        {
            return ApiProblems.BadRequest(keyProblem);
        }

        var (body, bodyProblem) = await RequestBody.ReadJsonAsync(request, options.Value.MaxRequestBytes, cancellationToken);
        if (bodyProblem is not null)
        {
            return bodyProblem;
        }

        var (scale, problem) = ScaleRequestParser.Parse(body);
        return problem is not null
            ? ApiProblems.BadRequest(problem)
            : TypedResults.Accepted((string?)null, await clusters.ScaleBrokersAsync(@namespace, name, scale!.Brokers, cancellationToken));
    }

    private static Task<IResult> RestartCluster(string @namespace, string name, IClusterOperations clusters, CancellationToken cancellationToken) =>
        Act(@namespace, name, () => clusters.RequestRollingRestartAsync(@namespace, name, cancellationToken));

    private static Task<IResult> PauseCluster(string @namespace, string name, IClusterOperations clusters, CancellationToken cancellationToken) =>
        Act(@namespace, name, () => clusters.PauseAsync(@namespace, name, cancellationToken));

    private static Task<IResult> ResumeCluster(string @namespace, string name, IClusterOperations clusters, CancellationToken cancellationToken) =>
        Act(@namespace, name, () => clusters.ResumeAsync(@namespace, name, cancellationToken));

    // Mutations are requests the operator carries out later: 202 with the view as it is now.
    private static async Task<IResult> Act(string ns, string name, Func<Task<ClusterView>> action) =>
        ClusterRequestRules.CheckCluster(ns, name) is { } problem
            ? ApiProblems.BadRequest(problem)
            : TypedResults.Accepted((string?)null, await action());
}
