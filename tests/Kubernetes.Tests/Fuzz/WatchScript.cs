using System.Globalization;
using System.Text.Json.Nodes;
using FsCheck;
using FsCheck.Fluent;

namespace Actors.Kubernetes.Tests.Fuzz;

public enum StepKind { Good, Bad, Bookmark, BrokenLine }

/// <summary>One line the scripted API server sends on a pod watch.</summary>
public sealed record WatchStep(StepKind Kind, string Type, string Name, int Breakage)
{
    public override string ToString() => Kind switch
    {
        StepKind.Bookmark => "BOOKMARK",
        StepKind.BrokenLine => "broken line",
        _ => $"{Type} {(Kind == StepKind.Bad ? "unreadable " : "")}{Name}",
    };
}

/// <summary>
/// A random pod collection's history as a watch shows it: a first list, then good events, events
/// whose pod cannot be read, bookmarks and broken lines (after which the watch is reopened), and
/// the cache and undecodable set that history implies.
/// </summary>
public sealed record WatchScript(IReadOnlyList<(string Name, bool Bad)> Listed, IReadOnlyList<WatchStep> Steps)
{
    public const int FirstVersion = 1000;

    public override string ToString() =>
        $"list [{string.Join(", ", Listed.Select(l => (l.Bad ? "unreadable " : "") + l.Name))}] then {string.Join("; ", Steps)}";

    private static readonly Gen<string> Names = Gen.Elements("a", "b", "c", "d");

    private static readonly Gen<WatchStep> Step =
        from kind in Gen.Frequency((6, Gen.Constant(StepKind.Good)), (4, Gen.Constant(StepKind.Bad)), (1, Gen.Constant(StepKind.Bookmark)), (1, Gen.Constant(StepKind.BrokenLine)))
        from type in Gen.Frequency((3, Gen.Constant("ADDED")), (4, Gen.Constant("MODIFIED")), (2, Gen.Constant("DELETED")))
        from name in Names
        from breakage in Gen.Choose(0, int.MaxValue)
        select new WatchStep(kind, type, name, breakage);

    public static readonly Gen<WatchScript> Any =
        from listed in Gen.ListOf(Gen.Zip(Names, Gen.Frequency((3, Gen.Constant(false)), (1, Gen.Constant(true)))), 3)
        from steps in Gen.Choose(1, 30).SelectMany(n => Gen.ListOf(Step, n))
        select new WatchScript([.. listed.DistinctBy(l => l.Item1)], [.. steps]);

    public static string Version(int step) => (FirstVersion + step + 1).ToString(CultureInfo.InvariantCulture);

    /// <summary>name → resourceVersion of the cache, and the names known unreadable, after every step.</summary>
    public (Dictionary<string, string> Cache, HashSet<string> Unreadable) Expected()
    {
        var cache = new Dictionary<string, string>();
        var unreadable = new HashSet<string>();
        foreach (var (name, bad) in Listed)
        {
            if (bad) unreadable.Add(name);
            else cache[name] = "1";
        }
        for (var i = 0; i < Steps.Count; i++)
        {
            var step = Steps[i];
            if (step.Kind is StepKind.Bookmark or StepKind.BrokenLine) continue;
            if (step.Type == "DELETED")
            {
                // Gone from the server, whatever the last version of it said.
                cache.Remove(step.Name);
                unreadable.Remove(step.Name);
            }
            else if (step.Kind == StepKind.Good)
            {
                cache[step.Name] = Version(i);
                unreadable.Remove(step.Name);
            }
            else unreadable.Add(step.Name); // the last readable version stays cached
        }
        return (cache, unreadable);
    }

    /// <summary>A pod that cannot be read as V1Pod, its metadata intact.</summary>
    public static string UnreadablePod(string name, string resourceVersion, int breakage)
    {
        var pod = WatchedObjects.Pod(name, resourceVersion);
        var (path, value) = Breakages[breakage % Breakages.Length];
        var target = (JsonObject)pod[path[0]]!;
        foreach (var segment in path[1..^1]) target = (JsonObject)target[segment]!;
        target[path[^1]] = JsonNode.Parse(value, documentOptions: new System.Text.Json.JsonDocumentOptions { MaxDepth = 1000 });
        return pod.ToJsonString(new System.Text.Json.JsonSerializerOptions { MaxDepth = 1000 });
    }

    private static readonly (string[] Path, string Value)[] Breakages =
    [
        (["spec", "containers"], "\"not-a-list\""),
        (["spec", "priority"], "2147483648"),
        (["spec", "terminationGracePeriodSeconds"], "\"30s\""),
        (["metadata", "labels"], "5"),
        (["metadata", "generation"], "1.5"),
        (["status", "phase"], "{\"running\":true}"),
        (["spec", "nodeSelector"], string.Concat(Enumerable.Repeat("{\"a\":", 200)) + "1" + new string('}', 200)),
    ];
}
