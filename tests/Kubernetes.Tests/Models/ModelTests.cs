using System.Text.Json.Nodes;

namespace Actors.Kubernetes.Tests;

public sealed class ModelTests
{
    private const string FullPod = """
        {
          "apiVersion": "v1", "kind": "Pod",
          "metadata": {
            "name": "demo-broker-0", "namespace": "kafka", "uid": "u-1", "resourceVersion": "77", "generation": 2,
            "creationTimestamp": "2026-01-02T03:04:05Z",
            "labels": {"app.kubernetes.io/name": "kafka"}, "annotations": {"a": "b"},
            "ownerReferences": [{"apiVersion": "kafka.actors.dev/v1alpha1", "kind": "KafkaCluster", "name": "demo", "uid": "c-1", "controller": true, "blockOwnerDeletion": true}],
            "finalizers": ["actors.dev/pvc"],
            "managedFields": [{"manager": "kubectl", "operation": "Apply", "fieldsV1": {"f:metadata": {}}}],
            "futureMetaField": {"x": 1}
          },
          "spec": {
            "hostname": "demo-broker-0", "subdomain": "demo-headless", "serviceAccountName": "kafka",
            "terminationGracePeriodSeconds": 120,
            "readinessGates": [{"conditionType": "actors.dev/ready"}],
            "containers": [{
              "name": "kafka", "image": "apache/kafka:3.9.0", "command": ["/bin/sh"], "args": ["-c", "start"],
              "env": [{"name": "KAFKA_NODE_ID", "value": "0"}, {"name": "POD_IP", "valueFrom": {"fieldRef": {"fieldPath": "status.podIP"}}}],
              "ports": [{"name": "broker", "containerPort": 9092, "protocol": "TCP"}],
              "resources": {"requests": {"cpu": "500m", "memory": "2Gi"}, "limits": {"memory": "2Gi"}},
              "volumeMounts": [{"name": "data", "mountPath": "/var/lib/kafka/data"}],
              "readinessProbe": {"tcpSocket": {"port": "broker"}, "periodSeconds": 5},
              "securityContext": {"runAsNonRoot": true, "capabilities": {"drop": ["ALL"]}},
              "resizePolicy": [{"resourceName": "cpu", "restartPolicy": "NotRequired"}]
            }],
            "volumes": [
              {"name": "data", "persistentVolumeClaim": {"claimName": "data-demo-broker-0"}},
              {"name": "config", "configMap": {"name": "demo-config", "defaultMode": 420}},
              {"name": "tmp", "emptyDir": {}},
              {"name": "token", "projected": {"sources": [{"serviceAccountToken": {"path": "token"}}]}}
            ],
            "affinity": {
              "nodeAffinity": {"requiredDuringSchedulingIgnoredDuringExecution": {"nodeSelectorTerms": [{"matchExpressions": [{"key": "zone", "operator": "In", "values": ["a"]}]}]}},
              "podAntiAffinity": {"preferredDuringSchedulingIgnoredDuringExecution": [{"weight": 100, "podAffinityTerm": {"topologyKey": "kubernetes.io/hostname", "labelSelector": {"matchLabels": {"app.kubernetes.io/instance": "demo"}}}}]}
            },
            "topologySpreadConstraints": [{"maxSkew": 1, "topologyKey": "topology.kubernetes.io/zone", "whenUnsatisfiable": "ScheduleAnyway"}],
            "tolerations": [{"key": "dedicated", "operator": "Equal", "value": "kafka", "effect": "NoSchedule"}],
            "nodeSelector": {"disk": "ssd"},
            "securityContext": {"fsGroup": 1000},
            "someFutureSpecField": true
          },
          "status": {
            "phase": "Running", "podIP": "10.0.0.5", "hostIP": "192.168.1.2", "startTime": "2026-01-02T03:04:06Z",
            "conditions": [{"type": "Ready", "status": "True", "lastTransitionTime": "2026-01-02T03:05:00Z"}],
            "containerStatuses": [{"name": "kafka", "ready": true, "restartCount": 2, "image": "apache/kafka:3.9.0", "imageID": "sha", "state": {"running": {"startedAt": "2026-01-02T03:04:30Z"}}}],
            "resize": "Proposed"
          }
        }
        """;

    [Fact]
    public void A_pod_round_trips_with_every_field_including_ones_the_model_does_not_name()
    {
        var pod = KubernetesJson.Deserialize<Pod>(FullPod);

        var written = KubernetesJson.Serialize(pod);

        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(FullPod), JsonNode.Parse(written)), written);
    }

    [Fact]
    public void A_read_modify_write_keeps_unknown_fields_next_to_the_change()
    {
        var pod = KubernetesJson.Deserialize<Pod>(FullPod);

        pod.Metadata.Labels!["app.kubernetes.io/component"] = "broker";
        pod.Spec!.Containers[0].Image = "apache/kafka:4.0.0";
        var written = JsonNode.Parse(KubernetesJson.Serialize(pod))!;

        Assert.Equal(1, written["metadata"]!["futureMetaField"]!["x"]!.GetValue<int>());
        Assert.True(written["spec"]!["someFutureSpecField"]!.GetValue<bool>());
        Assert.Equal("NotRequired", written["spec"]!["containers"]![0]!["resizePolicy"]![0]!["restartPolicy"]!.GetValue<string>());
        Assert.Equal("a", written["spec"]!["affinity"]!["nodeAffinity"]!["requiredDuringSchedulingIgnoredDuringExecution"]!["nodeSelectorTerms"]![0]!["matchExpressions"]![0]!["values"]![0]!.GetValue<string>());
        Assert.Equal("apache/kafka:4.0.0", written["spec"]!["containers"]![0]!["image"]!.GetValue<string>());
    }

    [Fact]
    public void Typed_fields_read_with_the_apis_names()
    {
        var pod = KubernetesJson.Deserialize<Pod>(FullPod);

        Assert.Equal("10.0.0.5", pod.Status!.PodIP);
        Assert.Equal("192.168.1.2", pod.Status.HostIP);
        Assert.Equal(9092, pod.Spec!.Containers[0].Ports![0].Port);
        Assert.Equal("broker", pod.Spec.Containers[0].ReadinessProbe!.TcpSocket!.Port.Text);
        Assert.Equal(2, pod.Status.ContainerStatuses![0].RestartCount);
        Assert.Equal("kubernetes.io/hostname", pod.Spec.Affinity!.PodAntiAffinity!.PreferredDuringSchedulingIgnoredDuringExecution![0].PodAffinityTerm.TopologyKey);
        Assert.Equal(new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero), pod.Metadata.CreationTimestamp);
        Assert.True(pod.Metadata.OwnerReferences![0].Controller);
        Assert.Equal("data-demo-broker-0", pod.Spec.Volumes![0].PersistentVolumeClaim!.ClaimName);
    }

    [Fact]
    public void Nulls_are_left_out_and_names_are_camel_case()
    {
        var service = new Service
        {
            Metadata = new() { Name = "demo-headless", Namespace = "kafka" },
            Spec = new() { ClusterIP = "None", PublishNotReadyAddresses = true, Ports = [new() { Name = "broker", Port = 9092, TargetPort = "broker" }] },
        };

        Assert.True(Json.SameJson(
            """{"apiVersion":"v1","kind":"Service","metadata":{"name":"demo-headless","namespace":"kafka"},"spec":{"clusterIP":"None","ports":[{"name":"broker","port":9092,"targetPort":"broker"}],"publishNotReadyAddresses":true}}""",
            KubernetesJson.Serialize(service)));
    }

    [Fact]
    public void Times_are_written_as_rfc3339_utc_and_lease_times_with_microseconds()
    {
        var at = new DateTimeOffset(2026, 3, 4, 5, 6, 7, TimeSpan.FromHours(2)).AddTicks(1234560);
        var lease = new Lease { Metadata = new() { Name = "actors-leader", CreationTimestamp = at }, Spec = new() { HolderIdentity = "pod-a", RenewTime = at, LeaseDurationSeconds = 15 } };

        var written = JsonNode.Parse(KubernetesJson.Serialize(lease))!;

        Assert.Equal("2026-03-04T03:06:07Z", written["metadata"]!["creationTimestamp"]!.GetValue<string>());
        Assert.Equal("2026-03-04T03:06:07.123456Z", written["spec"]!["renewTime"]!.GetValue<string>());
        Assert.Equal(at, KubernetesJson.Deserialize<Lease>(written.ToJsonString()).Spec!.RenewTime);
    }

    [Fact]
    public void Secret_data_is_base64_on_the_wire_and_bytes_in_the_model()
    {
        var secret = KubernetesJson.Deserialize<Secret>("""{"apiVersion":"v1","kind":"Secret","metadata":{"name":"s"},"data":{"password":"c2VjcmV0"},"type":"Opaque"}""");

        Assert.Equal("secret"u8.ToArray(), secret.Data!["password"]);
        Assert.Contains("\"password\":\"c2VjcmV0\"", KubernetesJson.Serialize(secret));
    }

    [Fact]
    public void Int_or_string_keeps_numbers_and_percentages_apart()
    {
        var pdb = KubernetesJson.Deserialize<PodDisruptionBudget>("""{"metadata":{"name":"p"},"spec":{"maxUnavailable":1,"minAvailable":"50%"}}""");

        Assert.Equal(1, pdb.Spec!.MaxUnavailable!.Value.Number);
        Assert.Equal("50%", pdb.Spec.MinAvailable!.Value.Text);
        Assert.True(Json.SameJson("""{"maxUnavailable":1,"minAvailable":"50%"}""", KubernetesJson.Serialize(pdb.Spec)));
    }

    [Fact]
    public void A_crd_schema_round_trips_with_its_openapi_keywords()
    {
        const string crd = """
            {"apiVersion":"apiextensions.k8s.io/v1","kind":"CustomResourceDefinition","metadata":{"name":"kafkaclusters.kafka.actors.dev"},
             "spec":{"group":"kafka.actors.dev","scope":"Namespaced",
               "names":{"plural":"kafkaclusters","singular":"kafkacluster","kind":"KafkaCluster","shortNames":["kc"]},
               "versions":[{"name":"v1alpha1","served":true,"storage":true,
                 "subresources":{"status":{}},
                 "additionalPrinterColumns":[{"name":"Ready","type":"string","jsonPath":".status.conditions[?(@.type==\"Ready\")].status"}],
                 "schema":{"openAPIV3Schema":{"type":"object","x-kubernetes-preserve-unknown-fields":true,"properties":{"spec":{"type":"object"}}}}}]}}
            """;

        var parsed = KubernetesJson.Deserialize<CustomResourceDefinition>(crd);

        Assert.NotNull(parsed.Spec.Versions[0].Subresources!.Status);
        Assert.True(parsed.Spec.Versions[0].Schema!.OpenApiV3Schema!["x-kubernetes-preserve-unknown-fields"]!.GetValue<bool>());
        Assert.True(Json.SameJson(crd, KubernetesJson.Serialize(parsed)));
    }

    [Fact]
    public void Every_built_in_kind_knows_where_it_lives()
    {
        Assert.Equal("/api/v1/namespaces/kafka/pods/p/status", Pod.ResourceType.ObjectPath("p", "kafka", "status"));
        Assert.Equal("/apis/policy/v1/namespaces/kafka/poddisruptionbudgets", PodDisruptionBudget.ResourceType.CollectionPath("kafka"));
        Assert.Equal("/apis/coordination.k8s.io/v1/namespaces/kafka/leases/l", Lease.ResourceType.ObjectPath("l", "kafka"));
        Assert.Equal("/api/v1/namespaces/kafka", Namespace.ResourceType.ObjectPath("kafka", null));
        Assert.Equal("/api/v1/namespaces/kafka/events", Event.ResourceType.CollectionPath("kafka"));
        Assert.Equal("/api/v1/namespaces/kafka/persistentvolumeclaims", PersistentVolumeClaim.ResourceType.CollectionPath("kafka"));
        Assert.Equal("/api/v1/namespaces/kafka/secrets", Secret.ResourceType.CollectionPath("kafka"));
        Assert.Equal("/api/v1/namespaces/kafka/configmaps", ConfigMap.ResourceType.CollectionPath("kafka"));
        Assert.Equal("/api/v1/namespaces/kafka/services", Service.ResourceType.CollectionPath("kafka"));
        Assert.Equal("apiextensions.k8s.io/v1", CustomResourceDefinition.ResourceType.ApiVersion);
        Assert.Equal(new Pod().ApiVersion, Pod.ResourceType.ApiVersion);
        Assert.Equal(new Lease().ApiVersion, Lease.ResourceType.ApiVersion);
        Assert.Equal(new PodDisruptionBudget().Kind, PodDisruptionBudget.ResourceType.Kind);
    }

    [Fact]
    public void Names_in_paths_are_escaped()
    {
        Assert.Equal("/api/v1/namespaces/a%20b/pods/x%2Fy", Pod.ResourceType.ObjectPath("x/y", "a b"));
    }

    [Fact]
    public void A_deep_clone_is_independent_and_keeps_unknown_fields()
    {
        var pod = KubernetesJson.Deserialize<Pod>(FullPod);

        var copy = KubernetesJson.Clone(pod);
        copy.Metadata.Labels!["x"] = "y";

        Assert.False(pod.Metadata.Labels!.ContainsKey("x"));
        Assert.True(copy.Spec!.ExtensionData!.ContainsKey("someFutureSpecField"));
    }
}
