using System.Text.Json.Nodes;

namespace Actors.Deploy.Tests.Support;

/// <summary>
/// deploy/operator as `kubectl kustomize deploy/operator` renders it with the real kubectl:
/// the exact YAML `kubectl apply -k deploy/operator` sends. Rendered once per test run.
/// </summary>
public sealed class RenderedOperator
{
    static readonly Lazy<Task<RenderedOperator>> Once = new(Render);

    public required string Yaml { get; init; }
    public required IReadOnlyList<JsonObject> Documents { get; init; }

    public static Task<RenderedOperator> Load() => Once.Value;

    static async Task<RenderedOperator> Render()
    {
        using var work = new WorkDirectory();
        var yaml = await InstalledTool.Kubectl.Ok(["kustomize", Repository.PathOf("deploy/operator")], work.Path);
        return new RenderedOperator { Yaml = yaml, Documents = Support.Yaml.Documents(yaml).Cast<JsonObject>().ToList() };
    }

    /// <summary>The one rendered object of this kind and name; fails the test when absent or repeated.</summary>
    public JsonObject Single(string kind, string name)
    {
        var matches = Documents.Where(d => d.Str("kind") == kind && d.Str("metadata", "name") == name).ToList();
        Assert.True(matches.Count == 1, $"kubectl kustomize deploy/operator rendered {matches.Count} {kind} named {name}; expected exactly one.");
        return matches[0];
    }

    public IEnumerable<JsonObject> OfKind(string kind) => Documents.Where(d => d.Str("kind") == kind);
}
