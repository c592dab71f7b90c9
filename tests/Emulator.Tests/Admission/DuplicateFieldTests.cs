using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Actors.Emulator.Tests.Support;

namespace Actors.Emulator.Tests.Admission;

/// <summary>
/// A key given twice in a body, as kube-apiserver's field validation treats it: never a 500; the last
/// value wins with a Warning header (Warn, the default), silently (Ignore), or the request is refused (Strict).
/// </summary>
public sealed class DuplicateFieldTests : EmulatorTest
{
    const string Body = """
        {"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"dup"},
         "data":{"num.partitions":"6","retention.ms":"1000","num.partitions":"12"}}
        """;

    async Task<(int Code, JsonObject Body, string[] Warnings)> Send(HttpMethod method, string path, string body, string contentType = "application/json")
    {
        using var request = new HttpRequestMessage(method, path) { Content = new StringContent(body, Encoding.UTF8) };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        using var response = await Api.Http.SendAsync(request);
        var warnings = response.Headers.TryGetValues("Warning", out var values) ? values.ToArray() : [];
        return ((int)response.StatusCode, (JsonObject)JsonNode.Parse(await response.Content.ReadAsStringAsync())!, warnings);
    }

    [Fact]
    public async Task By_default_the_last_value_wins_and_a_warning_names_the_duplicate()
    {
        var (code, body, warnings) = await Send(HttpMethod.Post, ConfigMaps, Body);

        Assert.Equal(201, code);
        Assert.Equal("12", body.Text("data", "num.partitions"));
        Assert.Equal(["299 - \"duplicate field \\\"data.num.partitions\\\"\""], warnings);
        Assert.Equal("12", (await Find(ConfigMaps, "dup")).Text("data", "num.partitions"));
    }

    [Fact]
    public async Task Under_strict_field_validation_the_duplicate_is_refused_with_its_path()
    {
        var (code, body, _) = await Send(HttpMethod.Post, ConfigMaps + "?fieldValidation=Strict", Body);

        Assert.Equal(400, code);
        Assert.Equal("BadRequest", body.Text("reason"));
        Assert.Equal("ConfigMap in version \"v1\" cannot be handled as a ConfigMap: strict decoding error: duplicate field \"data.num.partitions\"",
            body.Text("message"));
        Assert.Null(await Find(ConfigMaps, "dup"));
    }

    [Fact]
    public async Task Under_ignore_the_last_value_wins_without_a_warning()
    {
        var (code, body, warnings) = await Send(HttpMethod.Post, ConfigMaps + "?fieldValidation=Ignore", Body);

        Assert.Equal(201, code);
        Assert.Equal("12", body.Text("data", "num.partitions"));
        Assert.Empty(warnings);
    }

    [Fact]
    public async Task A_duplicate_in_a_custom_resource_or_a_patch_is_never_a_server_error()
    {
        await InstallCrd();
        var cluster = """{"apiVersion":"kafka.actors.dev/v1alpha1","kind":"KafkaCluster","metadata":{"name":"c"},"spec":{"replicas":1,"replicas":3}}""";
        var (created, createdBody, _) = await Send(HttpMethod.Post, Clusters, cluster);
        var (patched, patchedBody, warnings) = await Send(HttpMethod.Patch, $"{Clusters}/c", """{"spec":{"replicas":4,"replicas":5}}""",
            "application/merge-patch+json");

        Assert.Equal(201, created);
        Assert.Equal("3", createdBody.Text("spec", "replicas"));
        Assert.Equal(200, patched);
        Assert.Equal("5", patchedBody.Text("spec", "replicas"));
        Assert.Contains("299 - \"duplicate field \\\"spec.replicas\\\"\"", warnings);
    }

    [Fact]
    public async Task A_duplicate_key_outside_ASCII_is_warned_about_in_a_header_HTTP_can_carry()
    {
        var (code, _, warnings) = await Send(HttpMethod.Post, ConfigMaps,
            """{"metadata":{"name":"dup"},"data":{"clé":"1","clé":"2"}}""");

        Assert.Equal(201, code);
        Assert.Equal(["299 - \"duplicate field \\\"data.cl\\u00e9\\\"\""], warnings);
    }

    [Fact]
    public async Task An_unknown_field_of_a_custom_resource_is_dropped_with_a_warning_by_default()
    {
        await InstallCrd();
        var cluster = """{"apiVersion":"kafka.actors.dev/v1alpha1","kind":"KafkaCluster","metadata":{"name":"c"},"spec":{"replicas":1,"colour":"red"}}""";

        var (code, body, warnings) = await Send(HttpMethod.Post, Clusters, cluster);

        Assert.Equal(201, code);
        Assert.Null(body["spec"]!["colour"]);
        Assert.Equal(["299 - \"unknown field \\\"spec.colour\\\"\""], warnings);
    }
}
