using Actors.Kafka.Features;
using Actors.Kafka.Messages;
using Actors.Kafka.Protocol;

namespace Actors.Kafka.Peer.Model;

/// <summary>
/// What a KRaft controller does with an UpdateFeatures request, for the one feature the model
/// holds (metadata.version). Invariants kept, as Kafka keeps them:
/// <list type="bullet">
/// <item>a level is finalized only if every node's software supports it;</item>
/// <item>a lower level needs a downgrade upgrade type, a higher one needs <see cref="UpgradeType.Upgrade"/>;</item>
/// <item>a refusal changes nothing, and so does ValidateOnly; each change bumps the epoch.</item>
/// </list>
/// Refusals carry INVALID_UPDATE_VERSION per feature, as Kafka's controller answers. Pure.
/// </summary>
public static class FeatureUpdateRules
{
    public static (ClusterState Next, UpdateFeaturesResponse Response) Apply(ClusterState state, UpdateFeaturesRequest request)
    {
        var duplicate = request.FeatureUpdates.GroupBy(u => u.Feature).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
            return (state, new UpdateFeaturesResponse(0, KafkaError.InvalidRequest.Code,
                $"The feature {duplicate.Key} appears more than once in the request.", []));

        var results = new List<FeatureUpdateResult>();
        var next = state;
        foreach (var update in request.FeatureUpdates)
        {
            var refusal = Refusal(state, update);
            results.Add(new FeatureUpdateResult(update.Feature,
                refusal is null ? KafkaError.None.Code : KafkaError.InvalidUpdateVersion.Code, refusal));
            if (refusal is null && update.MaxVersionLevel != state.MetadataVersionLevel)
                next = next with { MetadataVersionLevel = update.MaxVersionLevel };
        }

        // Kafka applies a request all or nothing: one refused feature keeps every level as it was.
        var allAccepted = results.All(r => r.ErrorCode == 0);
        if (!allAccepted || request.ValidateOnly || next == state)
            next = state;
        else
            next = next with { FinalizedFeaturesEpoch = state.FinalizedFeaturesEpoch + 1 };

        // Version 2 reports only a top-level error: the first refusal.
        var firstRefusal = results.FirstOrDefault(r => r.ErrorCode != 0);
        var response = request.Version >= 2 && firstRefusal is not null
            ? new UpdateFeaturesResponse(0, firstRefusal.ErrorCode, firstRefusal.ErrorMessage, [])
            : new UpdateFeaturesResponse(0, KafkaError.None.Code, null, results);
        return (next, response);
    }

    /// <summary>Why one update is refused, or null if it may be applied.</summary>
    public static string? Refusal(ClusterState state, FeatureUpdate update)
    {
        var level = update.MaxVersionLevel;
        var prefix = $"Invalid update version {level} for feature {update.Feature}.";
        if (update.Feature != MetadataVersion.FeatureName)
            return $"{prefix} The controller does not support the given feature.";
        if (!Enum.IsDefined(update.UpgradeType))
            return $"{prefix} The controller does not support the given upgrade type.";
        if (level < 1)
            return $"{prefix} metadata.version cannot be removed or set below 1.";
        var unsupporting = state.Nodes.Where(n => !n.Supports(level)).Select(n => n.NodeId).ToList();
        if (unsupporting.Count > 0)
            return $"{prefix} Node(s) {string.Join(", ", unsupporting)} do not support it.";
        var current = state.MetadataVersionLevel;
        if (level < current && update.UpgradeType == UpgradeType.Upgrade)
            return $"{prefix} Can't downgrade from {current} without a safe or unsafe downgrade upgrade type.";
        if (level > current && update.UpgradeType != UpgradeType.Upgrade)
            return $"{prefix} Can't downgrade to a newer version than {current}.";
        return null;
    }
}
