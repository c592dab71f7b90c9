using System.Collections.Immutable;
using System.Text.Json.Serialization;
using Actors.Grains.Identity;

namespace Actors.Grains.Coordinator;

[JsonConverter(typeof(JsonStringEnumConverter<HealthGateQuestion>))]
[GenerateSerializer, Alias("actors.HealthGateQuestion")]
public enum HealthGateQuestion
{
    /// <summary>May this node be restarted now without hurting the cluster?</summary>
    CanRestart,

    /// <summary>Has this node handed over its data, so it can be removed?</summary>
    IsDrained,
}

/// <summary>
/// A gate's answer; when closed, the reason ends up in the RollBlocked/ScaleDownBlocked condition.
/// <see cref="Notice"/> is something the user should hear about the answer (a check skipped by
/// annotation): the coordinator records it as a Warning Event.
/// </summary>
public sealed record GateAnswer(bool Open, string Reason)
{
    public GateNotice? Notice { get; init; }

    public static GateAnswer Opened(string reason = "open") => new(true, reason);
    public static GateAnswer Closed(string reason) => new(false, reason);
}

/// <summary>An Event's reason (CamelCase) and message, attached to a gate's answer.</summary>
public sealed record GateNotice(string Reason, string Message);

/// <summary>
/// A pluggable check asked before a node is stopped or removed, with what the cluster should be
/// (revisions, how to reach Kafka, annotations) and what it is. The default asks the pods'
/// readiness; the Kafka gate (ISR, quorum, replicas) asks Kafka after that.
/// </summary>
public interface IHealthGate
{
    ValueTask<GateAnswer> AskAsync(
        HealthGateQuestion question, NodeIdentity node, ObservedCluster observed, DesiredCluster desired, CancellationToken cancellationToken);

    /// <summary>
    /// The active controller, when the gate can tell (Kafka's quorum leader), so that a roll
    /// restarts it last, as a gate that holds the leader while others await expects; null when unknown.
    /// </summary>
    ValueTask<NodeKey?> ActiveControllerAsync(ClusterIdentity cluster, DesiredCluster desired, CancellationToken cancellationToken) =>
        ValueTask.FromResult<NodeKey?>(null);

    /// <summary>
    /// Finalizes the metadata version the decision raises, once every node runs the new version and
    /// is available. By default there is no one to ask: it counts as finalized at the step's target
    /// (recorded in status only). The Kafka gate raises it in Kafka (UpdateFeatures) and reads it back.
    /// </summary>
    ValueTask<MetadataVersionAnswer> RaiseMetadataVersionAsync(
        ClusterIdentity cluster, DesiredCluster desired, RaiseMetadataVersion raise, CancellationToken cancellationToken) =>
        ValueTask.FromResult(MetadataVersionAnswer.FinalizedAt(raise.To, "recorded without asking Kafka"));

    /// <summary>The cluster is gone (its shut-down is complete): release whatever the gate holds for it.</summary>
    void Forget(ClusterIdentity cluster)
    {
    }
}

/// <summary>
/// Answers known in this reconcile pass. The decision is pure: when it needs an answer it does not
/// have, it returns <see cref="AskGate"/>; the shell asks and decides again with the answer added.
/// </summary>
public sealed record GateAnswers
{
    private readonly ImmutableDictionary<(NodeKey, HealthGateQuestion), GateAnswer> answers =
        ImmutableDictionary<(NodeKey, HealthGateQuestion), GateAnswer>.Empty;

    public static GateAnswers None { get; } = new();

    public GateAnswers With(NodeKey node, HealthGateQuestion question, GateAnswer answer) =>
        new GateAnswers(answers.SetItem((node, question), answer)) { MetadataVersionHeld = MetadataVersionHeld };

    private GateAnswers(ImmutableDictionary<(NodeKey, HealthGateQuestion), GateAnswer> answers) => this.answers = answers;

    private GateAnswers() { }

    public GateAnswer? Find(NodeKey node, HealthGateQuestion question) =>
        answers.TryGetValue((node, question), out var answer) ? answer : null;

    /// <summary>Why raising the metadata version was held in this pass; null when it was not tried (or succeeded).</summary>
    public string? MetadataVersionHeld { get; private init; }

    public GateAnswers WithMetadataVersionHeld(string reason) => new(answers) { MetadataVersionHeld = reason };
}
