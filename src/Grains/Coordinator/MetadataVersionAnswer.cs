namespace Actors.Grains.Coordinator;

/// <summary>
/// What became of raising the metadata version: finalized at <see cref="Finalized"/> (the level
/// Kafka reports back, or the step's target when nothing was asked), or held for <see cref="Reason"/>
/// (Kafka refused or did not answer) — then the step is blocked and tried again on the next pass.
/// </summary>
public sealed record MetadataVersionAnswer(string? Finalized, string Reason)
{
    public static MetadataVersionAnswer FinalizedAt(string level, string reason) => new(level, reason);

    public static MetadataVersionAnswer Held(string reason) => new(null, reason);
}
