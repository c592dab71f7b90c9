using System.Text.Json.Nodes;

namespace Actors.Kubernetes.Tests;

public sealed class VerbTests : IAsyncLifetime
{
    private TestCluster _cluster = null!;
    private KubernetesClient _client = null!;

    private ScriptedApiServer Server => _cluster.Server;

    public async Task InitializeAsync()
    {
        _cluster = await TestCluster.StartAsync();
        _client = _cluster.Client();
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _cluster.DisposeAsync();
    }

    [Fact]
    public async Task Get_of_a_namespaced_core_object_sends_its_path_token_and_accept_header()
    {
        Server.ThenJson(200, Json.Pod("kafka-broker-0", "41"));

        var pod = await _client.GetAsync<Pod>("kafka-broker-0", "kafka");

        var request = Assert.Single(Server.Requests);
        Assert.Equal("GET /api/v1/namespaces/kafka/pods/kafka-broker-0", request.RequestLine);
        Assert.Equal($"Bearer {ScriptedApiServer.Token}", request.Header("Authorization"));
        Assert.Equal("application/json", request.Header("Accept"));
        Assert.Equal("41", pod.Metadata.ResourceVersion);
        Assert.Equal("kafka-broker-0", pod.Metadata.Name);
    }

    [Fact]
    public async Task Get_of_a_cluster_scoped_kind_in_a_named_group_uses_the_apis_path()
    {
        Server.ThenJson(200, """{"apiVersion":"apiextensions.k8s.io/v1","kind":"CustomResourceDefinition","metadata":{"name":"kafkaclusters.kafka.actors.dev"},"spec":{"group":"kafka.actors.dev","names":{"plural":"kafkaclusters","kind":"KafkaCluster"},"scope":"Namespaced","versions":[]}}""");

        var crd = await _client.GetAsync<CustomResourceDefinition>("kafkaclusters.kafka.actors.dev");

        Assert.Equal("GET /apis/apiextensions.k8s.io/v1/customresourcedefinitions/kafkaclusters.kafka.actors.dev", Server.Requests.Single().RequestLine);
        Assert.Equal("kafka.actors.dev", crd.Spec.Group);
    }

    [Fact]
    public async Task TryGet_answers_null_for_a_missing_object()
    {
        Server.ThenStatus(404, "NotFound", "pods \"gone\" not found");

        Assert.Null(await _client.TryGetAsync<Pod>("gone", "kafka"));
    }

    [Fact]
    public async Task List_sends_selectors_limit_and_continue_escaped()
    {
        Server.ThenJson(200, Json.PodList("100", "next-page", Json.Pod("a", "1")));

        var list = await _client.ListAsync<Pod>("kafka", new ListOptions
        {
            LabelSelector = "app.kubernetes.io/instance=demo,role in (broker)",
            FieldSelector = "status.phase=Running",
            Limit = 50,
            Continue = "tok/en=",
        });

        Assert.Equal(
            "GET /api/v1/namespaces/kafka/pods?labelSelector=app.kubernetes.io%2Finstance%3Ddemo%2Crole%20in%20%28broker%29&fieldSelector=status.phase%3DRunning&limit=50&continue=tok%2Fen%3D",
            Server.Requests.Single().RequestLine);
        Assert.Equal("next-page", list.Metadata.Continue);
        Assert.Equal("100", list.Metadata.ResourceVersion);
        Assert.Single(list.Items);
    }

    [Fact]
    public async Task List_without_a_namespace_covers_all_namespaces()
    {
        Server.ThenJson(200, Json.PodList("5"));

        await _client.ListAsync<Pod>();

        Assert.Equal("GET /api/v1/pods", Server.Requests.Single().RequestLine);
    }

    [Fact]
    public async Task ListAll_follows_continue_tokens_and_keeps_the_snapshot_resource_version()
    {
        Server.ThenJson(200, Json.PodList("700", "page-2", Json.Pod("a", "1"), Json.Pod("b", "2")))
            .ThenJson(200, Json.PodList("700", "page-3", Json.Pod("c", "3")))
            .ThenJson(200, Json.PodList("700", null, Json.Pod("d", "4")));

        var all = await _client.ListAllAsync<Pod>("kafka", new ListOptions { Limit = 2, LabelSelector = "x=y" });

        Assert.Equal(["a", "b", "c", "d"], all.Items.Select(p => p.Metadata.Name));
        Assert.Equal("700", all.Metadata.ResourceVersion);
        Assert.Null(all.Metadata.Continue);
        Assert.Equal(
            [
                "GET /api/v1/namespaces/kafka/pods?labelSelector=x%3Dy&limit=2",
                "GET /api/v1/namespaces/kafka/pods?labelSelector=x%3Dy&limit=2&continue=page-2",
                "GET /api/v1/namespaces/kafka/pods?labelSelector=x%3Dy&limit=2&continue=page-3",
            ],
            Server.Requests.Select(r => r.RequestLine));
    }

    [Fact]
    public async Task Create_posts_to_the_collection_with_apiVersion_kind_and_field_manager()
    {
        Server.ThenJson(201, """{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"demo-config","namespace":"kafka","resourceVersion":"9"},"data":{"a":"b"}}""");
        var configMap = new ConfigMap { ApiVersion = null, Kind = null, Metadata = new() { Name = "demo-config", Namespace = "kafka" }, Data = new() { ["a"] = "b" } };

        var created = await _client.CreateAsync(configMap, new WriteOptions { FieldManager = "actors" });

        var request = Server.Requests.Single();
        Assert.Equal("POST /api/v1/namespaces/kafka/configmaps?fieldManager=actors", request.RequestLine);
        Assert.StartsWith("application/json", request.Header("Content-Type"));
        Assert.True(Json.SameJson("""{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"demo-config","namespace":"kafka"},"data":{"a":"b"}}""", request.Body));
        Assert.Equal("9", created.Metadata.ResourceVersion);
    }

    [Fact]
    public async Task Replace_puts_the_whole_object_with_its_resource_version()
    {
        Server.ThenJson(200, """{"apiVersion":"v1","kind":"Service","metadata":{"name":"demo-bootstrap","namespace":"kafka","resourceVersion":"12"}}""");
        var service = new Service { Metadata = new() { Name = "demo-bootstrap", Namespace = "kafka", ResourceVersion = "11" }, Spec = new() { Ports = [new() { Port = 9092, TargetPort = 9092 }] } };

        await _client.ReplaceAsync(service);

        var request = Server.Requests.Single();
        Assert.Equal("PUT /api/v1/namespaces/kafka/services/demo-bootstrap", request.RequestLine);
        Assert.Equal("11", JsonNode.Parse(request.Body)!["metadata"]!["resourceVersion"]!.GetValue<string>());
        Assert.Equal(9092, JsonNode.Parse(request.Body)!["spec"]!["ports"]![0]!["targetPort"]!.GetValue<int>());
    }

    [Fact]
    public async Task Merge_patch_sends_its_content_type_and_keeps_explicit_nulls()
    {
        Server.ThenJson(200, Json.Pod("p", "3"));

        await _client.PatchAsync<Pod>("p", "kafka", KubernetesPatch.Merge(JsonNode.Parse("""{"metadata":{"labels":{"a":"b","old":null}}}""")!));

        var request = Server.Requests.Single();
        Assert.Equal("PATCH /api/v1/namespaces/kafka/pods/p", request.RequestLine);
        Assert.Equal("application/merge-patch+json", request.Header("Content-Type"));
        Assert.True(Json.SameJson("""{"metadata":{"labels":{"a":"b","old":null}}}""", request.Body));
    }

    [Fact]
    public async Task Json_patch_sends_operations_with_their_content_type()
    {
        Server.ThenJson(200, Json.Pod("p", "3"));

        await _client.PatchAsync<Pod>("p", "kafka", KubernetesPatch.Json([
            JsonPatchOperation.Test("/metadata/resourceVersion", "2"),
            JsonPatchOperation.Replace("/metadata/labels/role", "broker"),
            JsonPatchOperation.Remove("/metadata/annotations/x"),
        ]));

        var request = Server.Requests.Single();
        Assert.Equal("application/json-patch+json", request.Header("Content-Type"));
        Assert.True(Json.SameJson(
            """[{"op":"test","path":"/metadata/resourceVersion","value":"2"},{"op":"replace","path":"/metadata/labels/role","value":"broker"},{"op":"remove","path":"/metadata/annotations/x"}]""",
            request.Body));
    }

    [Fact]
    public async Task Strategic_merge_patch_sends_its_content_type()
    {
        Server.ThenJson(200, Json.Pod("p", "3"));

        await _client.PatchAsync<Pod>("p", "kafka", KubernetesPatch.StrategicMerge(new Pod { ApiVersion = null, Kind = null, Metadata = new() { Labels = new() { ["a"] = "b" } } }));

        var request = Server.Requests.Single();
        Assert.Equal("application/strategic-merge-patch+json", request.Header("Content-Type"));
        Assert.True(Json.SameJson("""{"metadata":{"labels":{"a":"b"}}}""", request.Body));
    }

    [Fact]
    public async Task Server_side_apply_patches_with_apply_content_type_field_manager_and_force()
    {
        Server.ThenJson(200, """{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"c","namespace":"kafka","resourceVersion":"2"}}""");

        await _client.ApplyAsync(new ConfigMap { Metadata = new() { Name = "c", Namespace = "kafka" }, Data = new() { ["k"] = "v" } }, "actors-operator", force: true);

        var request = Server.Requests.Single();
        Assert.Equal("PATCH /api/v1/namespaces/kafka/configmaps/c?fieldManager=actors-operator&force=true", request.RequestLine);
        Assert.Equal("application/apply-patch+yaml", request.Header("Content-Type"));
        Assert.True(Json.SameJson("""{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"c","namespace":"kafka"},"data":{"k":"v"}}""", request.Body));
    }

    [Fact]
    public async Task Delete_sends_propagation_preconditions_and_grace_period_and_answers_null_for_a_status()
    {
        Server.ThenJson(200, """{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Success","details":{"name":"p","kind":"pods"}}""");

        var result = await _client.DeleteAsync<Pod>("p", "kafka", new DeleteOptions
        {
            PropagationPolicy = "Foreground",
            GracePeriodSeconds = 30,
            Preconditions = new() { Uid = "uid-p", ResourceVersion = "7" },
        });

        var request = Server.Requests.Single();
        Assert.Equal("DELETE /api/v1/namespaces/kafka/pods/p", request.RequestLine);
        Assert.True(Json.SameJson(
            """{"apiVersion":"v1","kind":"DeleteOptions","propagationPolicy":"Foreground","gracePeriodSeconds":30,"preconditions":{"uid":"uid-p","resourceVersion":"7"}}""",
            request.Body));
        Assert.Null(result);
    }

    [Fact]
    public async Task Delete_of_an_object_held_by_finalizers_answers_the_object_being_deleted()
    {
        Server.ThenJson(200, """{"apiVersion":"v1","kind":"PersistentVolumeClaim","metadata":{"name":"data-demo-broker-0","namespace":"kafka","deletionTimestamp":"2026-01-01T00:00:00Z","finalizers":["kubernetes.io/pvc-protection"]}}""");

        var pending = await _client.DeleteAsync<PersistentVolumeClaim>("data-demo-broker-0", "kafka");

        Assert.NotNull(pending);
        Assert.Equal(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), pending.Metadata.DeletionTimestamp);
        Assert.Equal(["kubernetes.io/pvc-protection"], pending.Metadata.Finalizers!);
    }

    [Fact]
    public async Task Update_rereads_and_reapplies_the_change_after_a_conflict()
    {
        Server.ThenJson(200, Json.Pod("p", "1")).ThenStatus(409, "Conflict", "the object has been modified")
            .ThenJson(200, Json.Pod("p", "2")).ThenJson(200, Json.Pod("p", "3"));

        var updated = await _client.Resource<Pod>().UpdateAsync("p", "kafka", pod =>
        {
            (pod.Metadata.Labels ??= [])["role"] = "broker";
            return true;
        });

        Assert.Equal(["GET", "PUT", "GET", "PUT"], Server.Requests.Select(r => r.Method));
        Assert.Equal("2", JsonNode.Parse(Server.Requests[3].Body)!["metadata"]!["resourceVersion"]!.GetValue<string>());
        Assert.Equal("broker", JsonNode.Parse(Server.Requests[3].Body)!["metadata"]!["labels"]!["role"]!.GetValue<string>());
        Assert.Equal("3", updated.Metadata.ResourceVersion);
    }

    [Fact]
    public async Task Update_writes_nothing_when_the_change_says_so()
    {
        Server.ThenJson(200, Json.Pod("p", "1"));

        await _client.Resource<Pod>().UpdateAsync("p", "kafka", _ => false);

        Assert.Equal(["GET"], Server.Requests.Select(r => r.Method));
    }

    [Fact]
    public async Task Status_subresource_verbs_address_the_status_path()
    {
        Server.ThenJson(200, Json.Pod("p", "1")).ThenJson(200, Json.Pod("p", "2")).ThenJson(200, Json.Pod("p", "3"));
        var resource = _client.Resource<Pod>();

        var pod = await resource.GetStatusAsync("p", "kafka");
        pod.Status = new PodStatus { Phase = "Running" };
        await resource.ReplaceStatusAsync(pod);
        await resource.PatchStatusAsync("p", "kafka", KubernetesPatch.Merge(JsonNode.Parse("""{"status":{"phase":"Failed"}}""")!));

        Assert.Equal(
            ["GET /api/v1/namespaces/kafka/pods/p/status", "PUT /api/v1/namespaces/kafka/pods/p/status", "PATCH /api/v1/namespaces/kafka/pods/p/status"],
            Server.Requests.Select(r => r.RequestLine));
        Assert.Equal("Running", JsonNode.Parse(Server.Requests[1].Body)!["status"]!["phase"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_custom_resource_with_its_own_descriptor_uses_its_group_version_and_plural()
    {
        Server.ThenJson(200, """{"apiVersion":"kafka.actors.dev/v1alpha1","kind":"KafkaCluster","metadata":{"name":"demo","namespace":"kafka","generation":3},"spec":{"replicas":3},"status":{"observedGeneration":2}}""");
        Server.ThenJson(200, """{"apiVersion":"kafka.actors.dev/v1alpha1","kind":"KafkaCluster","metadata":{"name":"demo","namespace":"kafka"}}""");

        var cluster = await _client.GetAsync<TestKafkaCluster>("demo", "kafka");
        cluster.Status = new TestKafkaStatus { ObservedGeneration = 3 };
        await _client.ReplaceStatusAsync(cluster);

        Assert.Equal("GET /apis/kafka.actors.dev/v1alpha1/namespaces/kafka/kafkaclusters/demo", Server.Requests[0].RequestLine);
        Assert.Equal("PUT /apis/kafka.actors.dev/v1alpha1/namespaces/kafka/kafkaclusters/demo/status", Server.Requests[1].RequestLine);
        Assert.Equal(3, cluster.Spec!.Replicas);
        Assert.Equal(3L, cluster.Metadata.Generation);
    }

    [Fact]
    public async Task An_undescribed_kind_works_through_an_explicit_descriptor_and_GenericResource()
    {
        var widgets = new ResourceType("example.com", "v1", "Widget", "widgets", Namespaced: false);
        Server.ThenJson(200, """{"apiVersion":"example.com/v1","kind":"Widget","metadata":{"name":"w"},"spec":{"size":5}}""");

        var widget = await _client.Resource<GenericResource>(widgets).GetAsync("w");

        Assert.Equal("GET /apis/example.com/v1/widgets/w", Server.Requests.Single().RequestLine);
        Assert.Equal(5, widget.ExtensionData!["spec"].GetProperty("size").GetInt32());
    }

    [Fact]
    public async Task The_raw_escape_hatch_sends_any_path_and_returns_json()
    {
        Server.ThenJson(200, """{"major":"1","minor":"32"}""");

        var version = await _client.SendAsync(HttpMethod.Get, "/version");

        Assert.Equal("GET /version", Server.Requests.Single().RequestLine);
        Assert.Equal("32", version!["minor"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_namespaced_object_without_a_namespace_is_refused_before_any_request()
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(() => _client.CreateAsync(new Pod { Metadata = new() { Name = "p" } }));

        Assert.Contains("namespaced", error.Message);
        Assert.Empty(Server.Requests);
    }
}

public sealed class TestKafkaCluster : CustomResource<TestKafkaSpec, TestKafkaStatus>, IKubernetesResource
{
    public static ResourceType ResourceType { get; } = new("kafka.actors.dev", "v1alpha1", "KafkaCluster", "kafkaclusters", Namespaced: true);
}

public sealed class TestKafkaSpec
{
    public int Replicas { get; set; }
}

public sealed class TestKafkaStatus
{
    public long? ObservedGeneration { get; set; }
}
