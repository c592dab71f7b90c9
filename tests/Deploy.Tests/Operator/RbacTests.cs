using System.Text.Json.Nodes;
using Actors.Deploy.Tests.Support;

namespace Actors.Deploy.Tests.Operator;

/// <summary>The operator's RBAC is least privilege: named verbs and resources only, no Secrets.</summary>
public sealed class RbacTests
{
    static async Task<List<(string Role, JsonNode Rule)>> Rules()
    {
        var rendered = await RenderedOperator.Load();
        return rendered.OfKind("ClusterRole").Concat(rendered.OfKind("Role"))
            .SelectMany(role => role.Items("rules").Select(rule => ($"{role.Str("kind")}/{role.Str("metadata", "name")}", rule)))
            .ToList();
    }

    static bool Grants(IEnumerable<(string Role, JsonNode Rule)> rules, string group, string resource, string verb) =>
        rules.Any(r => r.Rule.Strings("apiGroups").Contains(group) && r.Rule.Strings("resources").Contains(resource) && r.Rule.Strings("verbs").Contains(verb));

    [Fact]
    public async Task Rules_name_every_group_resource_and_verb_without_wildcards()
    {
        var rules = await Rules();

        Assert.NotEmpty(rules);
        foreach (var (role, rule) in rules)
            foreach (var field in new[] { "apiGroups", "resources", "verbs" })
                Assert.False(rule.Strings(field).Any(v => v.Contains('*')), $"{role} has a wildcard in {field}: {rule.ToJsonString()}");
        Assert.DoesNotContain(rules, r => r.Rule.At("nonResourceURLs") is not null);
    }

    [Fact]
    public async Task Operator_has_no_access_to_secrets()
    {
        var rules = await Rules();

        Assert.DoesNotContain(rules, r => r.Rule.Strings("resources").Any(resource => resource == "secrets" || resource.StartsWith("secrets/", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Operator_cannot_escalate_through_rbac_or_impersonation()
    {
        var rules = await Rules();

        Assert.DoesNotContain(rules, r => r.Rule.Strings("apiGroups").Contains("rbac.authorization.k8s.io"));
        Assert.DoesNotContain(rules, r => r.Rule.Strings("verbs").Any(v => v is "escalate" or "bind" or "impersonate"));
    }

    [Fact]
    public async Task The_replicas_keep_their_membership_table_in_a_configmap()
    {
        var rules = await Rules();

        // Exactly the verbs KubernetesMembershipTable uses on its ConfigMap.
        foreach (var verb in new[] { "get", "create", "update", "delete" })
            Assert.True(Grants(rules, "", "configmaps", verb), $"No rule allows {verb} on configmaps, which the membership table needs.");
    }

    [Theory]
    [InlineData("kafka.actors.dev", "kafkaclusters", "watch")]
    [InlineData("kafka.actors.dev", "kafkaclusters", "patch")]
    [InlineData("kafka.actors.dev", "kafkaclusters/status", "patch")]
    [InlineData("", "pods", "create")]
    [InlineData("", "pods", "delete")]
    [InlineData("", "persistentvolumeclaims", "create")]
    [InlineData("", "services", "create")]
    [InlineData("", "configmaps", "update")]
    [InlineData("policy", "poddisruptionbudgets", "create")]
    [InlineData("", "events", "create")]
    public async Task Operator_may_do_what_its_grains_do(string group, string resource, string verb)
    {
        var rules = await Rules();

        Assert.True(Grants(rules.Where(r => r.Role.StartsWith("ClusterRole/", StringComparison.Ordinal)), group, resource, verb),
            $"The ClusterRole does not allow {verb} on {resource} in group '{group}', which the operator needs in every watched namespace.");
    }
}
