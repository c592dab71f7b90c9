using System.Text.Json.Nodes;
using Actors.Emulator.Patching;
using Actors.Emulator.Selectors;
using FsCheck;
using FsCheck.Fluent;

namespace Actors.Emulator.Tests.Units;

public sealed class PatchPropertyTests
{
    static readonly string[] Keys = ["a", "b", "c"];

    // Small random JSON objects: scalars, nulls (in patches) and nested objects, two levels deep.
    static Gen<JsonNode?> Value(int depth, bool allowNull) =>
        Gen.OneOf(
            Gen.Elements("x", "y").Select(s => (JsonNode?)JsonValue.Create(s)),
            Gen.Choose(0, 3).Select(i => (JsonNode?)JsonValue.Create(i)),
            allowNull ? Gen.Constant<JsonNode?>(null) : Gen.Constant<JsonNode?>(JsonValue.Create(true)),
            depth > 0 ? Object(depth - 1, allowNull).Select(o => (JsonNode?)o) : Gen.Constant<JsonNode?>(JsonValue.Create("leaf")));

    static Gen<JsonObject> Object(int depth, bool allowNull) =>
        Gen.SubListOf(Keys).SelectMany(keys =>
            Gen.ListOf(Value(depth, allowNull), keys.Count).Select(values =>
            {
                var o = new JsonObject();
                for (var i = 0; i < keys.Count; i++) o[keys[i]] = values[i]?.DeepClone();
                return o;
            }));

    [SeededProperty]
    public Property Applying_a_merge_patch_twice_changes_nothing_more()
    {
        return Prop.ForAll(Object(2, false).ToArbitrary(), Object(2, true).ToArbitrary(), (target, patch) =>
        {
            var once = JsonMergePatch.Apply(target, patch);
            var twice = JsonMergePatch.Apply(once, patch);
            return JsonNode.DeepEquals(once, twice);
        });
    }

    [SeededProperty]
    public Property A_merge_patch_never_changes_keys_it_does_not_name()
    {
        return Prop.ForAll(Object(2, false).ToArbitrary(), Object(2, true).ToArbitrary(), (target, patch) =>
        {
            var result = (JsonObject)JsonMergePatch.Apply(target, patch)!;
            return target.Where(kv => !patch.ContainsKey(kv.Key)).All(kv => JsonNode.DeepEquals(kv.Value, result[kv.Key]));
        });
    }

    [SeededProperty]
    public Property A_set_selector_matches_exactly_when_one_equality_would()
    {
        return Prop.ForAll(Gen.Elements("a", "b", "c", "d").ToArbitrary(), value =>
        {
            var labels = new Dictionary<string, string> { ["k"] = value };
            var inSet = LabelSelector.Parse("k in (a, b)").Matches(labels);
            var either = LabelSelector.Parse("k=a").Matches(labels) || LabelSelector.Parse("k=b").Matches(labels);
            var notIn = LabelSelector.Parse("k notin (a,b)").Matches(labels);
            return inSet == either && notIn == !either;
        });
    }
}
