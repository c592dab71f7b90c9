using Actors.Kafka.Client;
using Actors.Kafka.Features;

namespace Actors.Kafka.Checks;

/// <summary>The cluster's finalized <c>metadata.version</c>, or why it could not be read.</summary>
public sealed record FinalizedMetadataVersion(short? Level, KafkaFailure? Failure)
{
    public bool IsKnown => Failure is null && Level is not null;

    /// <summary>The named level, when this library knows its name.</summary>
    public MetadataVersion? Version => Level is { } level ? MetadataVersion.FromLevel(level) : null;

    public string Message => Failure is not null
        ? $"metadata.version could not be read: Kafka did not answer ({Failure.Kind}): {Failure.Message}"
        : Level is { } level ? $"metadata.version is finalized at {Describe(level)}"
        : "the cluster reports no finalized metadata.version";

    /// <summary><c>3.9-IV0 (level 21)</c>, or <c>level 23</c> for a level this library has no name for.</summary>
    public static string Describe(short level) => MetadataVersion.FromLevel(level)?.ToString() ?? $"level {level}";

    public override string ToString() => Message;
}

public enum MetadataVersionRaiseOutcome
{
    /// <summary>UpdateFeatures was accepted; <see cref="MetadataVersionRaise.FinalizedLevel"/> is what was read back.</summary>
    Raised,
    /// <summary>The cluster was already at the level: nothing was sent.</summary>
    AlreadyFinalized,
    /// <summary>The level is below the finalized one: refused here, nothing was sent.</summary>
    DowngradeRefused,
    /// <summary>Kafka refused the update (a node does not support the level, not the controller, …).</summary>
    RefusedByKafka,
    /// <summary>Kafka could not be asked or its answer could not be read; the update may or may not have happened.</summary>
    Unanswered,
}

/// <summary>What became of raising <c>metadata.version</c>; done only when raised or already there.</summary>
public sealed record MetadataVersionRaise(
    MetadataVersionRaiseOutcome Outcome,
    short TargetLevel,
    short? FinalizedLevel,
    string Message,
    KafkaFailure? Failure = null)
{
    public bool IsDone => Outcome is MetadataVersionRaiseOutcome.Raised or MetadataVersionRaiseOutcome.AlreadyFinalized;

    public override string ToString() => $"{Outcome}: {Message}";
}
