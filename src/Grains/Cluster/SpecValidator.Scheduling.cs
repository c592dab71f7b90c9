using Actors.Contracts.Kafka;

namespace Actors.Grains.Cluster;

/// <summary>
/// Where a pool's pods may run: nodeSelector, tolerations and the rack's topology key end up in
/// every pod as written, so they must pass kube-apiserver's own checks (qualified names, label
/// values); otherwise the pod would be refused after the cluster was accepted.
/// </summary>
public static partial class SpecValidator
{
    private static readonly string[] Effects = ["NoSchedule", "PreferNoSchedule", "NoExecute"];

    private static void ValidateScheduling(string path, NodePoolSpec pool, List<SpecError> errors)
    {
        foreach (var (key, value) in pool.NodeSelector ?? [])
        {
            if (LabelSyntax.QualifiedNameProblem(key) is { } keyProblem)
                errors.Add(new($"{path}.nodeSelector", $"label key {Shown(key)} is not valid: it {keyProblem}"));
            else if (LabelSyntax.LabelValueProblem(value) is { } valueProblem)
                errors.Add(new($"{path}.nodeSelector[\"{key}\"]", $"label value {Shown(value)} is not valid: it {valueProblem}"));
        }

        var tolerations = pool.Tolerations ?? [];
        for (var i = 0; i < tolerations.Count; i++)
            ValidateToleration($"{path}.tolerations[{i}]", tolerations[i], errors);

        if (pool.Rack is { } rack)
        {
            if (string.IsNullOrEmpty(rack.TopologyKey))
                errors.Add(new($"{path}.rack.topologyKey", "is required when rack is set, e.g. topology.kubernetes.io/zone"));
            else if (LabelSyntax.QualifiedNameProblem(rack.TopologyKey) is { } problem)
                errors.Add(new($"{path}.rack.topologyKey", $"{Shown(rack.TopologyKey)} is not a node label key: it {problem}"));
        }
    }

    private static void ValidateToleration(string path, TolerationSpec toleration, List<SpecError> errors)
    {
        var op = toleration.Operator ?? "Equal";
        if (op is not ("Equal" or "Exists"))
            errors.Add(new($"{path}.operator", $"must be Equal or Exists, got {Shown(op)}"));
        else if (op == "Exists" && !string.IsNullOrEmpty(toleration.Value))
            errors.Add(new($"{path}.value", "must be empty when operator is Exists"));
        else if (op == "Equal" && toleration.Value is { } value && LabelSyntax.LabelValueProblem(value) is { } valueProblem)
            errors.Add(new($"{path}.value", $"{Shown(value)} is not a valid taint value: it {valueProblem}"));

        if (string.IsNullOrEmpty(toleration.Key))
        {
            // An empty key with Exists tolerates every taint; with Equal it matches nothing, and the API refuses it.
            if (op == "Equal")
                errors.Add(new($"{path}.operator", "must be Exists when key is empty (which tolerates every taint)"));
        }
        else if (LabelSyntax.QualifiedNameProblem(toleration.Key) is { } keyProblem)
        {
            errors.Add(new($"{path}.key", $"{Shown(toleration.Key)} is not a valid taint key: it {keyProblem}"));
        }

        if (toleration.Effect is { Length: > 0 } effect && !Effects.Contains(effect))
            errors.Add(new($"{path}.effect", $"must be NoSchedule, PreferNoSchedule or NoExecute, got {Shown(effect)}"));
        if (toleration.TolerationSeconds is not null && toleration.Effect != "NoExecute")
            errors.Add(new($"{path}.tolerationSeconds", "applies only with effect NoExecute"));
    }
}
