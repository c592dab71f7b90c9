using System.Text.Json.Nodes;
using Actors.Emulator.Tests.Support;

namespace Actors.Emulator.Tests.Admission;

/// <summary>Label and annotation grammar, and the sizes kube-apiserver and etcd refuse, with their messages.</summary>
public sealed class ObjectLimitsTests : EmulatorTest
{
    static JsonObject Labelled(string key, string value) => Objects.ConfigMap("cm", new JsonObject { [key] = value });

    static JsonObject OnlyCause(Api.Reply reply)
    {
        Assert.Equal(422, reply.Code);
        return Assert.Single(reply.Body!["details"]!["causes"]!.AsArray().OfType<JsonObject>());
    }

    [Fact]
    public async Task A_label_key_that_is_not_a_qualified_name_is_refused()
    {
        var reply = await Api.Post(ConfigMaps, Labelled("bad key!", "v"));

        var cause = OnlyCause(reply);
        Assert.Equal("metadata.labels", cause.Text("field"));
        Assert.Equal(
            "Invalid value: \"bad key!\": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')",
            cause.Text("message"));
        Assert.StartsWith("ConfigMap \"cm\" is invalid: metadata.labels: Invalid value: \"bad key!\"", reply.Body.Text("message"));
    }

    [Fact]
    public async Task A_label_key_prefix_must_be_a_DNS_subdomain()
    {
        var reply = await Api.Post(ConfigMaps, Labelled("Example.COM/name", "v"));

        Assert.StartsWith("Invalid value: \"Example.COM/name\": prefix part a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters",
            OnlyCause(reply).Text("message"));
    }

    [Fact]
    public async Task A_label_name_longer_than_63_characters_is_refused()
    {
        var reply = await Api.Post(ConfigMaps, Labelled(new string('a', 64), "v"));

        Assert.EndsWith(": name part must be no more than 63 characters", OnlyCause(reply).Text("message"));
    }

    [Fact]
    public async Task A_label_value_longer_than_63_characters_is_refused()
    {
        var reply = await Api.Post(ConfigMaps, Labelled("app", new string('v', 64 * 1024)));

        Assert.EndsWith(": must be no more than 63 characters", OnlyCause(reply).Text("message"));
    }

    [Fact]
    public async Task A_label_value_outside_the_grammar_is_refused_and_an_empty_one_accepted()
    {
        var reply = await Api.Post(ConfigMaps, Labelled("app", "-kafka"));
        Assert.Contains("a valid label must be an empty string or consist of alphanumeric characters", OnlyCause(reply).Text("message"));

        Api.Ok(await Api.Post(ConfigMaps, Labelled("app", "")));
    }

    [Fact]
    public async Task An_update_to_an_invalid_label_is_refused_too()
    {
        var created = await Create(ConfigMaps, Labelled("app", "kafka"));
        created["metadata"]!["labels"]!["app"] = "kafka\n";

        Assert.Equal(422, (await Api.Put($"{ConfigMaps}/cm", created)).Code);
    }

    [Fact]
    public async Task Annotations_over_256_KiB_in_total_are_refused()
    {
        var cm = Objects.ConfigMap("cm");
        cm["metadata"]!["annotations"] = new JsonObject { ["a"] = new string('x', 200 * 1024), ["b"] = new string('y', 60 * 1024) };

        var cause = OnlyCause(await Api.Post(ConfigMaps, cm));

        Assert.Equal("metadata.annotations", cause.Text("field"));
        Assert.Equal("Too long: may not be more than 262144 bytes", cause.Text("message"));
    }

    [Fact]
    public async Task A_body_over_3_MiB_is_refused_as_too_large()
    {
        var cm = Objects.ConfigMap("cm");
        cm["data"] = new JsonObject { ["blob"] = new string('x', 3 * 1024 * 1024) };

        var reply = await Api.Post(ConfigMaps, cm);

        Assert.Equal(413, reply.Code);
        Assert.Equal("RequestEntityTooLarge", reply.Reason);
        Assert.Equal("Request entity too large: limit is 3145728", reply.Body.Text("message"));
    }

    [Fact]
    public async Task A_chunked_body_over_3_MiB_is_refused_as_too_large_too()
    {
        var cm = Objects.ConfigMap("cm");
        cm["data"] = new JsonObject { ["blob"] = new string('x', 4 * 1024 * 1024) };
        using var request = new HttpRequestMessage(HttpMethod.Post, ConfigMaps)
        {
            Content = new StreamContent(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(cm.ToJsonString()))),
        };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        request.Headers.TransferEncodingChunked = true;

        using var response = await Api.Http.SendAsync(request);

        Assert.Equal(413, (int)response.StatusCode);
        Assert.Contains("Request entity too large: limit is 3145728", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task An_object_over_etcds_request_limit_is_refused_as_etcd_refuses_it()
    {
        var cm = Objects.ConfigMap("cm");
        cm["data"] = new JsonObject { ["blob"] = new string('x', 2 * 1024 * 1024) };

        var reply = await Api.Post(ConfigMaps, cm);

        Assert.Equal(500, reply.Code);
        Assert.Equal("etcdserver: request is too large", reply.Body.Text("message"));
        Assert.Null(await Find(ConfigMaps, "cm"));
    }

    [Fact]
    public async Task A_custom_resource_without_a_kind_is_refused_as_the_unstructured_decoder_refuses_it()
    {
        await InstallCrd();
        var body = new JsonObject { ["metadata"] = new JsonObject { ["name"] = "c" }, ["spec"] = new JsonObject { ["replicas"] = 1 } };

        var reply = await Api.Post(Clusters, body);

        Assert.Equal(400, reply.Code);
        Assert.Equal("BadRequest", reply.Reason);
        Assert.Equal("Object 'Kind' is missing in 'unstructured object has no kind'", reply.Body.Text("message"));
    }

    [Fact]
    public async Task A_custom_resource_without_an_apiVersion_is_invalid()
    {
        await InstallCrd();
        var body = Objects.KafkaCluster("c", 1);
        body.Remove("apiVersion");

        var cause = OnlyCause(await Api.Post(Clusters, body));

        Assert.Equal("apiVersion", cause.Text("field"));
        Assert.Equal("Invalid value: \"\": must be kafka.actors.dev/v1alpha1", cause.Text("message"));
    }

    [Fact]
    public async Task A_custom_resource_of_another_kind_is_invalid()
    {
        await InstallCrd();
        var body = Objects.KafkaCluster("c", 1);
        body["kind"] = "KafkaTopic";

        var cause = OnlyCause(await Api.Post(Clusters, body));

        Assert.Equal("kind", cause.Text("field"));
        Assert.Equal("Invalid value: \"KafkaTopic\": must be KafkaCluster", cause.Text("message"));
    }

    [Fact]
    public async Task A_built_in_body_may_leave_out_apiVersion_and_kind_as_the_URL_says_them()
    {
        var created = await Create(ConfigMaps, new JsonObject { ["metadata"] = new JsonObject { ["name"] = "cm" } });

        Assert.Equal("ConfigMap", created.Text("kind"));
        Assert.Equal("v1", created.Text("apiVersion"));
    }

    [Fact]
    public async Task An_apply_of_another_version_gets_server_side_applys_message()
    {
        var reply = await Api.Patch($"{ConfigMaps}/cm?fieldManager=test", "application/apply-patch+yaml",
            "apiVersion: apps/v1\nkind: ConfigMap\nmetadata: {name: cm}\n");

        Assert.Equal(400, reply.Code);
        Assert.Equal("Incorrect version specified in apply patch. Specified patch version: apps/v1, expected: v1", reply.Body.Text("message"));
    }

    [Fact]
    public async Task A_built_in_body_of_another_kind_cannot_be_handled()
    {
        var secret = Objects.ConfigMap("cm");
        secret["kind"] = "Secret";

        var reply = await Api.Post(ConfigMaps, secret);

        Assert.Equal(400, reply.Code);
        Assert.Equal("Secret in version \"v1\" cannot be handled as a ConfigMap: converting (v1.Secret) to (core.ConfigMap): unknown conversion",
            reply.Body.Text("message"));
    }
}
