using Actors.Grains.Coordinator;
using Actors.Grains.Identity;
using FsCheck;
using FsCheck.Fluent;

namespace Actors.Grains.Tests.Coordinator;

/// <summary>
/// The decision's invariants over random desired clusters, random observed states (nodes down on
/// their own, stopping, failed, missing, stray volumes), random in-flight operations and random gate
/// answers. Availability is recomputed here from its definition, independently of the decider.
/// </summary>
public class RolloutInvariantProperties
{
    private const int Runs = 1500;

    private static Property ForEveryScenario(Func<RolloutScenario, RolloutDecision, IEnumerable<string>> violations) =>
        Prop.ForAll(RolloutScenarios.Arbitrary, scenario =>
        {
            var decision = RolloutDecider.Decide(scenario.Desired, scenario.Observed, scenario.Operation, scenario.Gates, scenario.Now);
            var found = violations(scenario, decision).ToArray();
            return found.Length == 0 ? true : throw new Xunit.Sdk.XunitException(
                $"{string.Join("; ", found)}\nstep: {decision.Step}\n{scenario}");
        });

    private static ObservedPod? Pod(RolloutScenario s, NodeKey key) => s.Observed.Find(key)?.Pod;

    private static bool IsResume(RolloutScenario s, NodeKey node, string uid) =>
        s.Operation?.Deletions.Any(d => d.Node == node && d.PodUid == uid) == true;

    private static bool Available(RolloutScenario s, NodeKey key) =>
        Pod(s, key) is { Terminating: false, Phase: PodPhase.Running, Ready: true, ReadySince: { } since } pod
        && s.Now - since >= s.Desired.Rollout.MinReady
        && !IsResume(s, key, pod.Uid);

    private static int Unavailable(RolloutScenario s) =>
        s.Observed.Nodes.Count(n => (s.Desired.IsMember(n.Key) ? n.HasPvc || n.Pod is not null : n.Pod is not null) && !Available(s, n.Key));

    private static IEnumerable<NodeKey> StopOrder(IEnumerable<NodeKey> keys) =>
        keys.OrderBy(k => k.Role == NodeRole.Broker ? 0 : 1).ThenByDescending(k => k.Ordinal);

    private static (NodeKey Node, string Uid)? Disruption(RolloutStep step) => step switch
    {
        DeleteNodePod { Reason: PodDeletionReason.Roll } d => (d.Node, d.PodUid),
        RemoveNode { Reason: RemovalReason.ScaleIn } r => (r.Node, r.PodUid),
        _ => null,
    };

    [SeededProperty(MaxTest = Runs)]
    public Property Never_more_than_max_unavailable_counting_nodes_down_on_their_own() => ForEveryScenario((s, d) =>
    {
        if (Disruption(d.Step) is not { } x || IsResume(s, x.Node, x.Uid) || !Available(s, x.Node)) return [];
        var after = Unavailable(s) + 1;
        return after <= s.Desired.Rollout.MaxUnavailable ? [] : [$"taking {x.Node} down makes {after} unavailable"];
    });

    [SeededProperty(MaxTest = Runs)]
    public Property A_controller_is_never_taken_down_below_a_quorum_majority() => ForEveryScenario((s, d) =>
    {
        if (Disruption(d.Step) is not { } x || x.Node.Role != NodeRole.Controller || !s.Desired.IsMember(x.Node)
            || IsResume(s, x.Node, x.Uid) || !Available(s, x.Node)) return [];
        var voters = s.Desired.Replicas(NodeRole.Controller);
        if (voters == 1) return [];
        var left = Enumerable.Range(0, voters).Count(n => Available(s, NodeKey.Controller(n))) - 1;
        return left > voters / 2 ? [] : [$"only {left} of {voters} controllers left"];
    });

    [SeededProperty(MaxTest = Runs)]
    public Property Disruptions_happen_only_through_an_open_gate_and_are_recorded_first() => ForEveryScenario((s, d) =>
    {
        if (Disruption(d.Step) is not { } x) return [];
        var errors = new List<string>();
        if (Pod(s, x.Node)?.Uid != x.Uid) errors.Add("deletes a pod instance that is not observed");
        if (d.Operation?.Deletions.Any(r => r.Node == x.Node && r.PodUid == x.Uid) != true) errors.Add("deletion not recorded in the operation");
        if (IsResume(s, x.Node, x.Uid)) return errors;
        var question = d.Step is RemoveNode ? HealthGateQuestion.IsDrained : HealthGateQuestion.CanRestart;
        if (s.Gates.Find(x.Node, question) is not { Open: true }) errors.Add($"{question} gate not open");
        return errors;
    });

    [SeededProperty(MaxTest = Runs)]
    public Property Only_one_roll_restart_at_a_time() => ForEveryScenario((s, d) =>
    {
        if (d.Step is not DeleteNodePod { Reason: PodDeletionReason.Roll } roll || IsResume(s, roll.Node, roll.PodUid)) return [];
        var pending = s.Operation?.Deletions.Where(r => r.Cause == DeletionCause.Roll && s.Desired.IsMember(r.Node) && !Available(s, r.Node)
            && (Pod(s, r.Node)?.Uid == r.PodUid || s.Desired.Revisions[r.Node] == r.Revision)).ToArray() ?? [];
        var errors = pending.Select(r => $"restarting {roll.Node} while {r.Node} is still coming back").ToList();
        if (Pod(s, roll.Node) is { } pod && pod.Revision == s.Desired.Revisions[roll.Node]) errors.Add($"{roll.Node} already runs its revision");
        if (!s.Desired.IsMember(roll.Node)) errors.Add($"{roll.Node} is not a member");
        return errors;
    });

    [SeededProperty(MaxTest = Runs)]
    public Property Creation_never_makes_a_second_pod_and_follows_the_ordinal_order() => ForEveryScenario((s, d) =>
    {
        if (d.Step is not CreateNode create) return [];
        var errors = new List<string>();
        var node = s.Observed.Find(create.Node);
        if (node?.Pod is not null) errors.Add($"{create.Node} already has a pod");
        if (!s.Desired.IsMember(create.Node)) errors.Add($"{create.Node} is not a member");
        if (create.CreateVolume == (node?.HasPvc ?? false)) errors.Add("volume creation does not match the volume's existence");
        if (create.Revision != s.Desired.Revisions.GetValueOrDefault(create.Node)) errors.Add("not at the desired revision");
        if (s.Desired.Rollout.PodManagement == PodManagementPolicy.OrderedReady)
            errors.AddRange(s.Desired.MembersInStartOrder().TakeWhile(k => k != create.Node)
                .Where(k => !Available(s, k)).Select(k => $"{create.Node} created before {k} is ready"));
        if (s.Desired.Deleting || s.Desired.Paused) errors.Add("creates while deleting or paused");
        return errors;
    });

    [SeededProperty(MaxTest = Runs)]
    public Property Scale_in_removes_the_highest_ordinal_first_one_at_a_time() => ForEveryScenario((s, d) =>
    {
        if (d.Step is not RemoveNode { Reason: RemovalReason.ScaleIn } remove || IsResume(s, remove.Node, remove.PodUid)) return [];
        var leaving = s.Observed.Nodes.Where(n => !s.Desired.IsMember(n.Key) && n.Pod is not null).ToArray();
        var errors = new List<string>();
        if (s.Desired.IsMember(remove.Node)) errors.Add($"{remove.Node} is a member");
        if (StopOrder(leaving.Select(n => n.Key)).FirstOrDefault() != remove.Node) errors.Add($"{remove.Node} is not the highest leaving node");
        if (leaving.Any(n => n.Pod!.Terminating)) errors.Add("another leaving node is still stopping");
        return errors;
    });

    [SeededProperty(MaxTest = Runs)]
    public Property Volumes_are_deleted_only_without_a_pod_and_as_the_policy_says() => ForEveryScenario((s, d) =>
    {
        if (d.Step is not DeletePvc delete) return [];
        var errors = new List<string>();
        if (Pod(s, delete.Node) is not null) errors.Add($"{delete.Node} still has a pod");
        var allowed = s.Desired.Deleting
            ? s.Desired.WhenDeleted == VolumeRetention.Delete && s.Observed.Nodes.All(n => n.Pod is null)
            : !s.Desired.IsMember(delete.Node) && s.Desired.WhenScaled == VolumeRetention.Delete;
        if (!allowed) errors.Add("the retention policy keeps this volume");
        return errors;
    });

    [SeededProperty(MaxTest = Runs)]
    public Property A_config_map_is_deleted_only_for_a_node_that_left_and_has_no_pod() => ForEveryScenario((s, d) =>
    {
        if (d.Step is not DeleteNodeConfig delete) return [];
        var errors = new List<string>();
        if (Pod(s, delete.Node) is not null) errors.Add($"{delete.Node} still has a pod");
        if (s.Desired.IsMember(delete.Node) && !s.Desired.Deleting) errors.Add($"{delete.Node} is a member");
        if (s.Observed.Find(delete.Node)?.HasConfig != true) errors.Add($"{delete.Node} has no config map");
        return errors;
    });

    [SeededProperty(MaxTest = Runs)]
    public Property A_paused_cluster_only_waits_and_a_deleted_one_only_shuts_down() => ForEveryScenario((s, d) =>
    {
        if (s.Desired.Deleting)
        {
            var withPods = StopOrder(s.Observed.Nodes.Where(n => n.Pod is not null).Select(n => n.Key)).ToArray();
            return d.Step switch
            {
                RemoveNode { Reason: RemovalReason.ShutDown } r when withPods.Length > 0 && r.Node == withPods[0]
                    && s.Observed.Nodes.All(n => n.Pod is not { Terminating: true }) => [],
                DeletePvc or Wait => [],
                DeleteNodeConfig when withPods.Length == 0 => [],
                ShutDownComplete when withPods.Length == 0 && s.Observed.Nodes.All(n => !n.HasConfig) => [],
                _ => [$"{d.Step} during shut-down"],
            };
        }

        return s.Desired.Paused && d.Step is not Paused ? [$"{d.Step} while paused"] : [];
    });

    [SeededProperty(MaxTest = Runs)]
    public Property A_deletion_whose_pod_is_still_observed_is_never_forgotten() => ForEveryScenario((s, d) =>
        (s.Operation?.Deletions ?? [])
            .Where(r => Pod(s, r.Node) is { } pod && pod.Uid == r.PodUid)
            .Where(r => d.Operation?.Deletions.Contains(r) != true && d.Step is not ShutDownComplete)
            .Select(r => $"forgot the deletion of {r.Node} ({r.PodUid})"));

    [SeededProperty(MaxTest = Runs)]
    public Property Deciding_twice_on_the_same_state_gives_the_same_step() => ForEveryScenario((s, d) =>
    {
        var again = RolloutDecider.Decide(s.Desired, s.Observed, s.Operation, s.Gates, s.Now);
        return again.Step == d.Step ? [] : [$"{again.Step} the second time"];
    });

    [SeededProperty(MaxTest = Runs)]
    public Property Done_only_when_every_member_is_available_at_its_revision() => ForEveryScenario((s, d) =>
    {
        if (d.Step is not Done) return [];
        return s.Desired.Revisions
            .Where(p => !Available(s, p.Key) || Pod(s, p.Key)?.Revision != p.Value)
            .Select(p => $"{p.Key} is not available at {p.Value}")
            .Concat(s.Observed.Nodes.Where(n => !s.Desired.IsMember(n.Key) && n.Pod is not null).Select(n => $"{n.Key} still has a pod"));
    });
}
