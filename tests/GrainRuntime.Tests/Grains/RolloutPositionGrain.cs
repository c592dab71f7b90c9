using Orleans.Concurrency;

namespace Actors.GrainRuntime.Tests.Grains;

/// <summary>
/// A grain with persisted intent, as the coordinator keeps its in-flight operation: keyed
/// <c>namespace/name</c> like the cluster it serves, stored in that cluster's operator-state ConfigMap.
/// </summary>
public interface IRolloutPositionGrain : IGrainWithStringKey
{
    /// <summary>Records that <paramref name="ordinal"/> was restarted for <paramref name="revision"/>, and persists it.</summary>
    Task Restarted(int ordinal, string revision);

    [AlwaysInterleave]
    Task<PositionReport> Position();

    Task Forget();

    /// <summary>Ends this activation after the call, as idle collection or a restarted operator would.</summary>
    Task Deactivate();
}

/// <summary>The persisted state: which ordinals have been restarted for which revision.</summary>
[GenerateSerializer]
public sealed class RolloutPosition
{
    [Id(0)] public string? Revision { get; set; }
    [Id(1)] public List<int> Restarted { get; set; } = [];
}

/// <summary>The position as this activation holds it, with the ETag it read or wrote last.</summary>
[GenerateSerializer]
public sealed record PositionReport(
    [property: Id(0)] string? Revision,
    [property: Id(1)] IReadOnlyList<int> Restarted,
    [property: Id(2)] string? ETag,
    [property: Id(3)] bool RecordExists);

public sealed class RolloutPositionGrain(
    [PersistentState("rollout", Support.OrleansSilo.StorageName)] IPersistentState<RolloutPosition> state) : Grain, IRolloutPositionGrain
{
    public async Task Restarted(int ordinal, string revision)
    {
        if (state.State.Revision != revision) state.State = new RolloutPosition { Revision = revision };
        state.State.Restarted.Add(ordinal);
        await state.WriteStateAsync();
    }

    public Task<PositionReport> Position() =>
        Task.FromResult(new PositionReport(state.State.Revision, [.. state.State.Restarted], state.Etag, state.RecordExists));

    public Task Forget() => state.ClearStateAsync();

    public Task Deactivate()
    {
        DeactivateOnIdle();
        return Task.CompletedTask;
    }
}
