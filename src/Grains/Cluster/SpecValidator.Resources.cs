using Actors.Contracts.Kafka;

namespace Actors.Grains.Cluster;

/// <summary>
/// A pool's container resources, checked as kube-apiserver checks a container: known resource
/// names, well-formed non-negative quantities, no request above its limit, and the resources that
/// cannot be overcommitted (huge pages, extended resources) requested exactly at their limit.
/// </summary>
public static partial class SpecValidator
{
    private static readonly string[] StandardResources = ["cpu", "memory", "ephemeral-storage"];

    private static void ValidateResources(string path, ResourcesSpec? resources, List<SpecError> errors)
    {
        if (resources is null) return;
        var requests = Amounts($"{path}.requests", resources.Requests, errors);
        var limits = Amounts($"{path}.limits", resources.Limits, errors);

        foreach (var (name, request) in requests)
        {
            var field = $"{path}.requests.{name}";
            var limit = limits.TryGetValue(name, out var l) ? l : ((string Text, decimal Amount)?)null;
            if (IsOvercommittable(name))
            {
                if (limit is { } max && request.Amount > max.Amount)
                    errors.Add(new(field, $"{Shown(request.Text)} is more than the {name} limit of {Shown(max.Text)}; a request must be less than or equal to its limit"));
            }
            else if (limit is not { } exact)
                errors.Add(new(field, $"{name} cannot be overcommitted: set {path}.limits.{name} to the same amount"));
            else if (request.Amount != exact.Amount)
                errors.Add(new(field, $"{Shown(request.Text)} must equal the {name} limit of {Shown(exact.Text)}: {name} cannot be overcommitted"));
        }
    }

    /// <summary>The well-formed entries of one section; the others are reported.</summary>
    private static Dictionary<string, (string Text, decimal Amount)> Amounts(string path, Dictionary<string, string>? values, List<SpecError> errors)
    {
        var amounts = new Dictionary<string, (string, decimal)>(StringComparer.Ordinal);
        foreach (var (name, value) in values ?? [])
        {
            if (ResourceNameProblem(name) is { } nameProblem)
                errors.Add(new(path, $"resource name {Shown(name)} {nameProblem}"));
            else if (!Quantity.TryParse(value, out var amount))
                errors.Add(new($"{path}.{name}", $"{Shown(value)} is not a Kubernetes quantity like 500m or 4Gi"));
            else if (amount < 0)
                errors.Add(new($"{path}.{name}", $"must not be negative, got {Shown(value)}"));
            else if (!IsOvercommittable(name) && !name.StartsWith("hugepages-", StringComparison.Ordinal) && amount != decimal.Truncate(amount))
                errors.Add(new($"{path}.{name}", $"must be a whole number for an extended resource, got {Shown(value)}"));
            else
                amounts[name] = (value, amount);
        }

        return amounts;
    }

    private static string? ResourceNameProblem(string name)
    {
        if (LabelSyntax.QualifiedNameProblem(name) is { } problem)
            return $"is not valid: it {problem}";
        var slash = name.IndexOf('/');
        var native = slash < 0 || name[..slash] == "kubernetes.io" || name[..slash].EndsWith(".kubernetes.io", StringComparison.Ordinal);
        if (native && !StandardResources.Contains(name) && !IsHugePages(name))
            return "is not a container resource: use cpu, memory, ephemeral-storage, hugepages-<size> or an extended resource such as example.com/gpu";
        if (!native && name.StartsWith("requests.", StringComparison.Ordinal))
            return "is not a container resource: the 'requests.' prefix belongs to resource quotas";
        return null;
    }

    private static bool IsHugePages(string name) =>
        name.StartsWith("hugepages-", StringComparison.Ordinal) && Quantity.TryParse(name["hugepages-".Length..], out var size) && size > 0;

    /// <summary>cpu, memory and ephemeral storage may be requested below their limit; nothing else may.</summary>
    private static bool IsOvercommittable(string name) => StandardResources.Contains(name);
}
