using System.Text.Json.Nodes;
using Actors.Emulator.Tests.Support;

namespace Actors.Emulator.Tests.Kubectl;

/// <summary>The real kubectl against the emulator: each case checks what kubectl printed and what the emulator stored.</summary>
public sealed class KubectlTests : EmulatorTest
{
    Testing.Kubectl? kubectl;
    Testing.Kubectl K => kubectl ??= Fixture.Kubectl();

    const string ClusterYaml = """
        apiVersion: kafka.actors.dev/v1alpha1
        kind: KafkaCluster
        metadata:
          name: demo
          namespace: default
        spec:
          replicas: 3
        """;

    async Task ApplyCrdAndCluster()
    {
        await K.Ok("apply", "-f", K.WriteFile("crd.yaml", Objects.CrdYaml));
        await K.Ok("apply", "-f", K.WriteFile("cluster.yaml", ClusterYaml));
    }

    [Fact]
    public async Task Apply_creates_a_crd_and_a_custom_resource()
    {
        var crd = await K.Ok("apply", "-f", K.WriteFile("crd.yaml", Objects.CrdYaml));
        Assert.Contains("customresourcedefinition.apiextensions.k8s.io/kafkaclusters.kafka.actors.dev created", crd);
        var cr = await K.Ok("apply", "-f", K.WriteFile("cluster.yaml", ClusterYaml));
        Assert.Contains("kafkacluster.kafka.actors.dev/demo created", cr);

        var stored = await Find(Clusters, "demo");
        Assert.Equal("3", stored.Text("spec", "replicas"));
        Assert.Contains("\"replicas\":3", stored!["metadata"]!["annotations"]!["kubectl.kubernetes.io/last-applied-configuration"]!.GetValue<string>());

        var again = await K.Ok("apply", "-f", K.WriteFile("cluster.yaml", ClusterYaml));
        Assert.Contains("kafkacluster.kafka.actors.dev/demo unchanged", again);
        Assert.Equal(stored.Text("metadata", "resourceVersion"), (await Find(Clusters, "demo")).Text("metadata", "resourceVersion"));
    }

    [Fact]
    public async Task Get_prints_the_printer_columns()
    {
        await ApplyCrdAndCluster();
        Api.Ok(await Api.Patch($"{Clusters}/demo/status", "application/merge-patch+json",
            """{"status":{"conditions":[{"type":"Ready","status":"True","reason":"AllNodesReady","message":"3 of 3 ready","lastTransitionTime":"2026-01-01T00:00:00Z"}]}}"""));
        var output = await K.Ok("get", "kc");
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(["NAME", "REPLICAS", "READY", "AGE"], lines[0].Split(' ', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal(["demo", "3", "True"], lines[1].Split(' ', StringSplitOptions.RemoveEmptyEntries).Take(3));
    }

    [Fact]
    public async Task Get_as_yaml_prints_the_stored_object()
    {
        await ApplyCrdAndCluster();
        var yaml = await K.Ok("get", "kafkacluster", "demo", "-o", "yaml");
        var printed = Patching.YamlDocument.ParseObject(yaml);
        var stored = await Find(Clusters, "demo");
        Assert.Equal(stored.Text("metadata", "uid"), printed.Text("metadata", "uid"));
        Assert.Equal(stored.Text("metadata", "resourceVersion"), printed.Text("metadata", "resourceVersion"));
        Assert.Equal("3.9.0", printed.Text("spec", "version"));
    }

    [Fact]
    public async Task Server_side_apply_records_kubectl_as_the_field_manager_and_reports_conflicts()
    {
        await K.Ok("apply", "-f", K.WriteFile("crd.yaml", Objects.CrdYaml));
        var created = await K.Ok("apply", "--server-side", "-f", K.WriteFile("cluster.yaml", ClusterYaml));
        Assert.Contains("kafkacluster.kafka.actors.dev/demo serverside-applied", created);
        var stored = await Find(Clusters, "demo");
        var entry = stored!["metadata"]!["managedFields"]!.AsArray().Single(e => e.Text("manager") == "kubectl");
        Assert.Equal("Apply", entry.Text("operation"));

        Api.Ok(await Api.Patch($"{Clusters}/demo?fieldManager=operator", "application/merge-patch+json", """{"spec":{"replicas":4}}"""));
        var conflict = await K.Run("apply", "--server-side", "-f", K.WriteFile("cluster.yaml", ClusterYaml));
        Assert.NotEqual(0, conflict.ExitCode);
        Assert.Contains("conflict with \"operator\"", conflict.Err);
        Assert.Equal("4", (await Find(Clusters, "demo")).Text("spec", "replicas"));

        await K.Ok("apply", "--server-side", "--force-conflicts", "-f", K.WriteFile("cluster.yaml", ClusterYaml));
        Assert.Equal("3", (await Find(Clusters, "demo")).Text("spec", "replicas"));
    }

    [Fact]
    public async Task Patch_with_a_merge_patch_changes_the_stored_spec_and_generation()
    {
        await ApplyCrdAndCluster();
        var output = await K.Ok("patch", "kc", "demo", "--type", "merge", "-p", """{"spec":{"replicas":5}}""");
        Assert.Contains("kafkacluster.kafka.actors.dev/demo patched", output);
        var stored = await Find(Clusters, "demo");
        Assert.Equal("5", stored.Text("spec", "replicas"));
        Assert.Equal("2", stored.Text("metadata", "generation"));
    }

    [Fact]
    public async Task Replace_writes_back_an_edited_object()
    {
        await ApplyCrdAndCluster();
        var yaml = await K.Ok("get", "kc", "demo", "-o", "yaml");
        var edited = yaml.Replace("replicas: 3", "replicas: 6");
        var output = await K.Ok("replace", "-f", K.WriteFile("edited.yaml", edited));
        Assert.Contains("kafkacluster.kafka.actors.dev/demo replaced", output);
        Assert.Equal("6", (await Find(Clusters, "demo")).Text("spec", "replicas"));

        // The same file again carries a stale resourceVersion: the API refuses it.
        var stale = await K.Run("replace", "-f", K.WriteFile("edited.yaml", edited));
        Assert.NotEqual(0, stale.ExitCode);
        Assert.Contains("the object has been modified", stale.Err);
    }

    [Fact]
    public async Task Delete_removes_the_object()
    {
        await ApplyCrdAndCluster();
        var output = await K.Ok("delete", "kc", "demo");
        Assert.Contains("kafkacluster.kafka.actors.dev \"demo\" deleted", output);
        Assert.Null(await Find(Clusters, "demo"));
        var missing = await K.Run("get", "kc", "demo");
        Assert.Contains("NotFound", missing.Err);
    }

    [Fact]
    public async Task Wait_returns_once_the_ready_condition_is_set_through_the_status_subresource()
    {
        await ApplyCrdAndCluster();
        var wait = K.Run("wait", "--for=condition=Ready", "kc/demo", "--timeout=60s");
        await WaitForWatchers();
        Api.Ok(await Api.Patch($"{Clusters}/demo/status", "application/merge-patch+json",
            """{"status":{"conditions":[{"type":"Ready","status":"True","reason":"AllNodesReady","message":"ok","lastTransitionTime":"2026-01-01T00:00:00Z"}]}}"""));
        var result = await wait;
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("kafkacluster.kafka.actors.dev/demo condition met", result.Out);
        Assert.Equal("True", (await Find(Clusters, "demo"))!["status"]!["conditions"]![0].Text("status"));
    }

    [Fact]
    public async Task Get_watch_prints_an_update()
    {
        await ApplyCrdAndCluster();
        await using var watch = K.Stream("get", "kc", "--watch");
        await watch.WaitFor(l => l.StartsWith("demo"));
        Api.Ok(await Api.Patch($"{Clusters}/demo", "application/merge-patch+json", """{"spec":{"replicas":7}}"""));
        var line = await watch.WaitFor(l => l.StartsWith("demo") && l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1] == "7");
        Assert.StartsWith("demo", line);
        Assert.Equal("7", (await Find(Clusters, "demo")).Text("spec", "replicas"));
    }

    [Fact]
    public async Task Get_pods_in_all_namespaces_lists_each_namespace()
    {
        await Create(Pods, Objects.Pod("kafka-0", node: "node-1"));
        await Create("/api/v1/namespaces/kube-system/pods", Objects.Pod("coredns", node: "node-1"));
        var output = await K.Ok("get", "pods", "-A");
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(["NAMESPACE", "NAME", "READY", "STATUS", "RESTARTS", "AGE"], lines[0].Split(' ', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains(lines, l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries) is ["default", "kafka-0", "0/1", "Pending", ..]);
        Assert.Contains(lines, l => l.StartsWith("kube-system") && l.Contains("coredns"));
        Assert.Equal(2, Api.Ok(await Api.Get("/api/v1/pods"))["items"]!.AsArray().Count);
    }

    [Fact]
    public async Task Apply_with_server_dry_run_stores_nothing()
    {
        await K.Ok("apply", "-f", K.WriteFile("crd.yaml", Objects.CrdYaml));
        var output = await K.Ok("apply", "--dry-run=server", "-f", K.WriteFile("cluster.yaml", ClusterYaml));
        Assert.Contains("kafkacluster.kafka.actors.dev/demo created (server dry run)", output);
        Assert.Null(await Find(Clusters, "demo"));
    }

    [Fact]
    public async Task Apply_of_an_invalid_custom_resource_reports_the_field()
    {
        await K.Ok("apply", "-f", K.WriteFile("crd.yaml", Objects.CrdYaml));
        var bad = await K.Run("apply", "-f", K.WriteFile("bad.yaml", ClusterYaml.Replace("replicas: 3", "replicas: 0")));
        Assert.NotEqual(0, bad.ExitCode);
        Assert.Contains("spec.replicas", bad.Err);
        Assert.Contains("is invalid", bad.Err);
        Assert.Null(await Find(Clusters, "demo"));
    }

    [Fact]
    public async Task Apply_of_a_configmap_then_a_changed_one_patches_it()
    {
        const string cm = """
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: settings
            data:
              a: "1"
            """;
        Assert.Contains("configmap/settings created", await K.Ok("apply", "-f", K.WriteFile("cm.yaml", cm)));
        Assert.Contains("configmap/settings configured", await K.Ok("apply", "-f", K.WriteFile("cm.yaml", cm.Replace("\"1\"", "\"2\""))));
        Assert.Equal("2", (await Find(ConfigMaps, "settings")).Text("data", "a"));
    }

    [Fact]
    public async Task Typed_create_commands_send_protobuf_that_the_emulator_stores()
    {
        Assert.Contains("namespace/kafka created", await K.Ok("create", "namespace", "kafka"));
        Assert.Contains("configmap/settings created", await K.Ok("create", "configmap", "settings", "-n", "kafka", "--from-literal=a=b"));
        Assert.Contains("secret/creds created", await K.Ok("create", "secret", "generic", "creds", "-n", "kafka", "--from-literal=user=admin"));
        Assert.Equal("Active", (await Find("/api/v1/namespaces", "kafka")).Text("status", "phase"));
        Assert.Equal("b", (await Find("/api/v1/namespaces/kafka/configmaps", "settings")).Text("data", "a"));
        Assert.Equal(Convert.ToBase64String("admin"u8.ToArray()), (await Find("/api/v1/namespaces/kafka/secrets", "creds")).Text("data", "user"));
    }

    [Fact]
    public async Task Deleting_a_namespace_with_kubectl_removes_it_and_its_contents()
    {
        await K.Ok("create", "namespace", "kafka");
        await K.Ok("create", "configmap", "settings", "-n", "kafka", "--from-literal=a=b");
        Assert.Contains("namespace \"kafka\" deleted", await K.Ok("delete", "namespace", "kafka"));
        Assert.Null(await Find("/api/v1/namespaces", "kafka"));
        Assert.Null(await Find("/api/v1/namespaces/kafka/configmaps", "settings"));
    }

    [Fact]
    public async Task Apply_refuses_a_field_the_schema_does_not_declare()
    {
        await K.Ok("apply", "-f", K.WriteFile("crd.yaml", Objects.CrdYaml));
        var bad = await K.Run("apply", "-f", K.WriteFile("typo.yaml", ClusterYaml.Replace("replicas: 3", "replicas: 3\n  replica: 4")));
        Assert.NotEqual(0, bad.ExitCode);
        Assert.Contains("unknown field \"spec.replica\"", bad.Err);
        Assert.Null(await Find(Clusters, "demo"));
    }

    [Fact]
    public async Task Apply_of_a_changed_pod_merges_its_container_env_by_name_and_label_adds_a_label()
    {
        const string pod = """
            apiVersion: v1
            kind: Pod
            metadata:
              name: kafka-0
            spec:
              containers:
              - name: kafka
                image: apache/kafka:3.9.0
                env:
                - name: KAFKA_NODE_ID
                  value: "0"
            """;
        Assert.Contains("pod/kafka-0 created", await K.Ok("apply", "-f", K.WriteFile("pod.yaml", pod)));
        Assert.Contains("pod/kafka-0 configured", await K.Ok("apply", "-f", K.WriteFile("pod.yaml", pod.Replace("\"0\"", "\"1\""))));
        Assert.Contains("pod/kafka-0 labeled", await K.Ok("label", "pod", "kafka-0", "app.kubernetes.io/name=kafka"));
        var stored = await Find(Pods, "kafka-0");
        var env = stored!["spec"]!["containers"]![0]!["env"]!.AsArray();
        Assert.Single(env);
        Assert.Equal("1", env[0].Text("value"));
        Assert.Equal("kafka", stored["metadata"]!["labels"]!["app.kubernetes.io/name"]!.GetValue<string>());
        var listed = await K.Ok("get", "pods", "-l", "app.kubernetes.io/name=kafka", "-o", "name");
        Assert.Equal("pod/kafka-0", listed.Trim());
    }

    // kubectl wait lists then watches; give the dispatcher and discovery a moment by polling the audit-free read path.
    async Task WaitForWatchers()
    {
        for (var i = 0; i < 100 && !Emulator.Store.HasWatchers; i++) await Task.Delay(100);
    }
}
