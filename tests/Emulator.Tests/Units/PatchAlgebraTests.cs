using System.Text.Json.Nodes;
using Actors.Emulator.Patching;
using Actors.Emulator.Tables;

namespace Actors.Emulator.Tests.Units;

public sealed class PatchAlgebraTests
{
    // Examples from RFC 7386, appendix A.
    [Theory]
    [InlineData("""{"a":"b"}""", """{"a":"c"}""", """{"a":"c"}""")]
    [InlineData("""{"a":"b"}""", """{"b":"c"}""", """{"a":"b","b":"c"}""")]
    [InlineData("""{"a":"b"}""", """{"a":null}""", """{}""")]
    [InlineData("""{"a":["b"]}""", """{"a":"c"}""", """{"a":"c"}""")]
    [InlineData("""{"a":{"b":"c"}}""", """{"a":{"b":"d","c":null}}""", """{"a":{"b":"d"}}""")]
    [InlineData("""{"a":[{"b":"c"}]}""", """{"a":[1]}""", """{"a":[1]}""")]
    [InlineData("""{"e":null}""", """{"a":1}""", """{"e":null,"a":1}""")]
    public void Merge_patch_follows_rfc_7386(string target, string patch, string expected) =>
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expected), JsonMergePatch.Apply(JsonNode.Parse(target), JsonNode.Parse(patch))));

    [Fact]
    public void Json_patch_moves_and_copies_values()
    {
        var doc = JsonNode.Parse("""{"a":{"b":1},"list":[1,2]}""")!;
        var result = JsonPatch.Apply(doc, JsonNode.Parse("""[{"op":"copy","from":"/a/b","path":"/c"},{"op":"move","from":"/a","path":"/d"},{"op":"add","path":"/list/-","value":3}]""")!.AsArray());
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"list":[1,2,3],"c":1,"d":{"b":1}}"""), result));
    }

    [Fact]
    public void Field_sets_round_trip_through_fields_v1()
    {
        var type = Storage.BuiltinResources.All().Single(t => t.Plural == "pods");
        var pod = JsonNode.Parse("""{"metadata":{"labels":{"a":"1"}},"spec":{"containers":[{"name":"kafka","image":"x"}]}}""")!.AsObject();
        var set = FieldSet.Of(type, pod, statusSubresource: false);
        var back = FieldSet.FromFieldsV1(set.ToFieldsV1());
        Assert.Equal(set.Paths.Order(), back.Paths.Order());
        Assert.Contains(set.Paths, p => FieldSet.Describe(p) == ".spec.containers[name=\"kafka\"].image");
    }

    [Theory]
    [InlineData(45, "45s")]
    [InlineData(150, "2m30s")]
    [InlineData(900, "15m")]
    [InlineData(5 * 3600 + 60 * 3, "5h3m")]
    [InlineData(30 * 3600, "30h")]
    [InlineData(3 * 86400 + 4 * 3600, "3d4h")]
    [InlineData(100 * 86400, "100d")]
    public void Ages_read_like_kubectl(int seconds, string text) =>
        Assert.Equal(text, HumanDuration.Format(TimeSpan.FromSeconds(seconds)));

    [Fact]
    public void Json_path_filters_pick_the_condition()
    {
        var o = JsonNode.Parse("""{"status":{"conditions":[{"type":"A","status":"False"},{"type":"Ready","status":"True"}]}}""");
        Assert.Equal("True", JsonPathExpression.Render(JsonPathExpression.Evaluate(o, ".status.conditions[?(@.type==\"Ready\")].status").Single()));
    }
}
