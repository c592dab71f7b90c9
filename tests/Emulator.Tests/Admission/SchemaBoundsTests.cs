using System.Text.Json.Nodes;
using Actors.Emulator.Tests.Support;

namespace Actors.Emulator.Tests.Admission;

/// <summary>A CRD's numeric, string, list and map bounds refused with kube-apiserver's 422 and its field paths and wording.</summary>
public sealed class SchemaBoundsTests : EmulatorTest
{
    const string Widgets = "/apis/bounds.actors.dev/v1/namespaces/default/widgets";

    const string CrdYaml = """
        apiVersion: apiextensions.k8s.io/v1
        kind: CustomResourceDefinition
        metadata: {name: widgets.bounds.actors.dev}
        spec:
          group: bounds.actors.dev
          scope: Namespaced
          names: {plural: widgets, singular: widget, kind: Widget}
          versions:
          - name: v1
            served: true
            storage: true
            subresources: {status: {}}
            schema:
              openAPIV3Schema:
                type: object
                properties:
                  spec:
                    type: object
                    maxProperties: 6
                    properties:
                      replicas: {type: integer, format: int32, minimum: 0, maximum: 2147483647}
                      unbounded: {type: integer, format: int32}
                      weight: {type: number, minimum: 0, exclusiveMinimum: true, maximum: 1, exclusiveMaximum: true}
                      size: {type: string, pattern: '^[0-9]+Gi$'}
                      image: {type: string, maxLength: 5}
                      zones: {type: array, maxItems: 2, items: {type: string}}
                      labels: {type: object, maxProperties: 1, additionalProperties: {type: string}}
        """;

    async Task<Api.Reply> CreateWidget(string name, JsonObject spec)
    {
        Api.Ok(await Api.Post("/apis/apiextensions.k8s.io/v1/customresourcedefinitions", Patching.YamlDocument.ParseObject(CrdYaml)));
        return await Api.Post(Widgets, new JsonObject
        {
            ["apiVersion"] = "bounds.actors.dev/v1", ["kind"] = "Widget",
            ["metadata"] = new JsonObject { ["name"] = name }, ["spec"] = spec,
        });
    }

    static JsonObject Cause(Api.Reply reply, string field)
    {
        Assert.Equal(422, reply.Code);
        Assert.Equal("Invalid", reply.Reason);
        return Assert.Single(reply.Body!["details"]!["causes"]!.AsArray().OfType<JsonObject>(), c => c.Text("field") == field);
    }

    [Fact]
    public async Task The_poison_replicas_beyond_int32_are_refused_by_the_schema_maximum_with_kube_apiservers_message()
    {
        var reply = await CreateWidget("poison", new JsonObject { ["replicas"] = 2147483648L });

        Assert.Equal(
            "spec.replicas: Invalid value: 2147483648: spec.replicas in body should be less than or equal to 2147483647",
            $"{Cause(reply, "spec.replicas").Text("field")}: {Cause(reply, "spec.replicas").Text("message")}");
        Assert.Contains("Widget.bounds.actors.dev \"poison\" is invalid: spec.replicas: Invalid value: 2147483648", reply.Body.Text("message"));
    }

    [Fact]
    public async Task Format_int32_alone_bounds_nothing_as_kube_apiserver_strips_that_format_from_CRD_schemas()
    {
        var reply = await CreateWidget("large", new JsonObject { ["unbounded"] = 2147483648L });

        Assert.Equal(201, reply.Code);
        Assert.Equal("2147483648", reply.Body.Text("spec", "unbounded"));
    }

    [Fact]
    public async Task An_integer_beyond_int64_is_not_an_integer()
    {
        Api.Ok(await Api.Post("/apis/apiextensions.k8s.io/v1/customresourcedefinitions", Patching.YamlDocument.ParseObject(CrdYaml)));
        var body = """{"apiVersion":"bounds.actors.dev/v1","kind":"Widget","metadata":{"name":"huge"},"spec":{"unbounded":92233720368547758070}}""";

        var reply = await Api.Send(HttpMethod.Post, Widgets, body, "application/json");

        Assert.Equal("Invalid value: \"number\": spec.unbounded in body must be of type integer: \"number\"", Cause(reply, "spec.unbounded").Text("message"));
    }

    [Theory]
    [InlineData(0.0, "should be greater than 0")]
    [InlineData(1.0, "should be less than 1")]
    public async Task Exclusive_bounds_refuse_the_bound_itself(double weight, string expected)
    {
        var reply = await CreateWidget("w", new JsonObject { ["weight"] = weight });

        Assert.EndsWith($"spec.weight in body {expected}", Cause(reply, "spec.weight").Text("message"));
    }

    [Fact]
    public async Task A_pattern_anchored_with_a_dollar_refuses_a_trailing_newline_as_Go_regexps_do()
    {
        var reply = await CreateWidget("nl", new JsonObject { ["size"] = "10Gi\n" });

        Assert.Equal("Invalid value: \"10Gi\\n\": spec.size in body should match '^[0-9]+Gi$'", Cause(reply, "spec.size").Text("message"));
    }

    [Fact]
    public async Task MaxLength_counts_characters_and_refuses_longer_strings()
    {
        Assert.Equal(201, (await CreateWidget("short", new JsonObject { ["image"] = "ééééé" })).Code);

        var reply = await Api.Post(Widgets, new JsonObject
        {
            ["apiVersion"] = "bounds.actors.dev/v1", ["kind"] = "Widget",
            ["metadata"] = new JsonObject { ["name"] = "long" }, ["spec"] = new JsonObject { ["image"] = "abcdef" },
        });

        Assert.Equal("Too long: may not be more than 5 bytes", Cause(reply, "spec.image").Text("message"));
        Assert.Equal("FieldValueTooLong", Cause(reply, "spec.image").Text("reason"));
    }

    [Fact]
    public async Task MaxItems_and_maxProperties_refuse_too_many()
    {
        var reply = await CreateWidget("many", new JsonObject
        {
            ["zones"] = new JsonArray("a", "b", "c"),
            ["labels"] = new JsonObject { ["a"] = "1", ["b"] = "2" },
        });

        Assert.Equal("Too many: 3: must have at most 2 items", Cause(reply, "spec.zones").Text("message"));
        Assert.Equal("Too many: 2: must have at most 1 items", Cause(reply, "spec.labels").Text("message"));
    }
}
