using System.Text.Json.Nodes;
using FsCheck;
using FsCheck.Fluent;

namespace Actors.Kubernetes.Tests.Fuzz;

/// <summary>
/// What the operator must still be able to say about an object: its namespace, name and
/// resourceVersion as the object holds them. Null when it has none (or not as a string);
/// <see cref="Unknowable"/> when it is a string JSON can write but .NET cannot read (a lone surrogate).
/// </summary>
public readonly record struct Expected(string? Value, bool Unknowable = false)
{
    public bool Admits(string? actual) => Unknowable || actual == Value;

    public override string ToString() => Unknowable ? "(unreadable string)" : Value is null ? "(none)" : Value.Length > 40 ? Value[..40] + "…" : Value;
}

/// <summary>A valid object changed by one to three <see cref="Mutation"/>s, as JSON text, and what its metadata says.</summary>
public sealed record BadObject(bool IsPod, string Json, IReadOnlyList<Mutation> Mutations, Expected Namespace, Expected Name, Expected ResourceVersion)
{
    public override string ToString() =>
        $"{(IsPod ? "Pod" : "KafkaCluster")} [{string.Join(", ", Mutations)}] ns={Namespace} name={Name} rv={ResourceVersion}: {(Json.Length > 600 ? Json[..600] + "…" : Json)}";

    private static readonly Gen<Mutation> OneMutation =
        from kind in Gen.Elements(Enum.GetValues<MutationKind>())
        from target in Gen.Choose(0, int.MaxValue)
        from shape in Gen.Choose(0, int.MaxValue)
        select new Mutation(kind, target, shape);

    /// <summary>A KafkaCluster or a Pod named <paramref name="name"/> at <paramref name="resourceVersion"/>, mutated.</summary>
    public static Gen<BadObject> Of(string name, string resourceVersion, bool? pod = null) =>
        from isPod in pod is { } fixedKind ? Gen.Constant(fixedKind) : Gen.Elements(true, false)
        from mutations in Gen.Choose(1, 3).SelectMany(n => Gen.ListOf(OneMutation, n))
        select Build(isPod, name, resourceVersion, [.. mutations]);

    public static readonly Gen<BadObject> Any =
        from name in Gen.Elements("demo", "b-0", "poison", "x")
        from rv in Gen.Choose(1, 999_999).Select(v => v.ToString(System.Globalization.CultureInfo.InvariantCulture))
        from bad in Of(name, rv)
        select bad;

    public static BadObject Build(bool isPod, string name, string resourceVersion, IReadOnlyList<Mutation> mutations)
    {
        var root = isPod ? WatchedObjects.Pod(name, resourceVersion) : WatchedObjects.KafkaCluster(name, resourceVersion);
        var raw = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var mutation in mutations) mutation.ApplyTo(root, raw);
        var json = root.ToJsonString();
        foreach (var (marker, text) in raw) json = json.Replace($"\"{marker}\"", text, StringComparison.Ordinal);
        var metadata = root["metadata"] as JsonObject;
        return new BadObject(isPod, json, mutations, Field(metadata, "namespace", raw), Field(metadata, "name", raw), Field(metadata, "resourceVersion", raw));
    }

    private static Expected Field(JsonObject? metadata, string field, Dictionary<string, string> raw) =>
        metadata?[field] is JsonValue value && value.TryGetValue<string>(out var text)
            ? raw.TryGetValue(text, out var replaced) ? new Expected(null, Unknowable: replaced.StartsWith('"')) : new Expected(text)
            : new Expected(null);
}
