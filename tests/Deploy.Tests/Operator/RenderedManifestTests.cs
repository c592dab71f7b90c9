using System.Text.Json.Nodes;
using Actors.Deploy.Tests.Support;

namespace Actors.Deploy.Tests.Operator;

/// <summary>What `kubectl kustomize deploy/operator` renders: the objects a platform engineer installs.</summary>
public sealed class RenderedManifestTests
{
    const string Namespace = "actors-system";

    static async Task<JsonObject> Deployment() => (await RenderedOperator.Load()).Single("Deployment", "actors-operator");

    static async Task<JsonNode> Container()
    {
        var containers = (await Deployment()).Items("spec", "template", "spec", "containers");
        Assert.Single(containers);
        return containers[0];
    }

    [Fact]
    public async Task Renders_the_crd_namespace_account_rbac_service_and_deployment()
    {
        var rendered = await RenderedOperator.Load();

        var objects = rendered.Documents.Select(d => $"{d.Str("kind")}/{d.Str("metadata", "name")}").Order(StringComparer.Ordinal);

        Assert.Equal(
        [
            "ClusterRole/actors-operator",
            "ClusterRoleBinding/actors-operator",
            "CustomResourceDefinition/kafkaclusters.kafka.actors.dev",
            "Deployment/actors-operator",
            "Namespace/actors-system",
            "PodDisruptionBudget/actors-operator",
            "Service/actors-operator",
            "ServiceAccount/actors-operator",
        ], objects);
    }

    [Fact]
    public async Task Namespaced_objects_land_in_the_operator_namespace()
    {
        var rendered = await RenderedOperator.Load();

        foreach (var kind in new[] { "ServiceAccount", "Role", "RoleBinding", "Service", "Deployment", "PodDisruptionBudget" })
            foreach (var obj in rendered.OfKind(kind))
                Assert.True(obj.Str("metadata", "namespace") == Namespace,
                    $"{kind}/{obj.Str("metadata", "name")} is rendered in namespace '{obj.Str("metadata", "namespace")}', not {Namespace}.");
        foreach (var kind in new[] { "Namespace", "CustomResourceDefinition", "ClusterRole", "ClusterRoleBinding" })
            foreach (var obj in rendered.OfKind(kind))
                Assert.Null(obj.Str("metadata", "namespace"));
    }

    [Fact]
    public async Task Operator_runs_three_replicas_as_one_operator_cluster()
    {
        var deployment = await Deployment();
        var container = await Container();

        Assert.Equal(3, deployment.At("spec", "replicas")!.GetValue<long>());
        Assert.Contains("--operator-cluster=actors-operator", container.Strings("args"));
        // The membership ConfigMap lives in the pod's namespace (POD_NAMESPACE); the other replicas reach this one at POD_IP.
        var env = container.Items("env").ToDictionary(e => e.Str("name")!, e => e.Str("valueFrom", "fieldRef", "fieldPath"));
        Assert.Equal("metadata.namespace", env["POD_NAMESPACE"]);
        Assert.Equal("status.podIP", env["POD_IP"]);
        Assert.Equal(11111, container.Items("ports").Single(p => p.Str("name") == "silo").At("containerPort")!.GetValue<long>());
    }

    [Fact]
    public async Task Rolling_update_never_lowers_capacity_and_a_disruption_takes_one_replica_at_a_time()
    {
        var rendered = await RenderedOperator.Load();
        var deployment = await Deployment();

        Assert.Equal("RollingUpdate", deployment.Str("spec", "strategy", "type"));
        Assert.Equal(0, deployment.At("spec", "strategy", "rollingUpdate", "maxUnavailable")!.GetValue<long>());
        var budget = rendered.Single("PodDisruptionBudget", "actors-operator");
        Assert.Equal(1, budget.At("spec", "maxUnavailable")!.GetValue<long>());
        Assert.Equal("actors-operator", budget.Str("spec", "selector", "matchLabels", "app.kubernetes.io/name"));
        // Long enough for the silo's graceful stop (grains deactivated, state written, cluster left).
        Assert.True(deployment.At("spec", "template", "spec", "terminationGracePeriodSeconds")!.GetValue<long>() > Actors.Silo.Hosting.SiloHost.ShutdownTimeout.TotalSeconds);
    }

    [Fact]
    public async Task Operator_runs_as_non_root_with_a_read_only_root_filesystem_and_no_capabilities()
    {
        var pod = (await Deployment()).At("spec", "template", "spec")!;
        var container = await Container();

        Assert.True(pod.At("securityContext", "runAsNonRoot")!.GetValue<bool>());
        Assert.NotEqual(0, pod.At("securityContext", "runAsUser")!.GetValue<long>());
        Assert.Equal("RuntimeDefault", pod.Str("securityContext", "seccompProfile", "type"));
        Assert.True(container.At("securityContext", "readOnlyRootFilesystem")!.GetValue<bool>());
        Assert.False(container.At("securityContext", "allowPrivilegeEscalation")!.GetValue<bool>());
        Assert.Equal(["ALL"], container.Strings("securityContext", "capabilities", "drop"));
        Assert.Empty(container.Items("securityContext", "capabilities", "add"));
    }

    [Fact]
    public async Task Read_only_root_filesystem_still_leaves_tmp_writable_for_dotnet()
    {
        var pod = (await Deployment()).At("spec", "template", "spec")!;
        var container = await Container();

        var tmp = container.Items("volumeMounts").Single(m => m.Str("mountPath") == "/tmp");
        var volume = pod.Items("volumes").Single(v => v.Str("name") == tmp.Str("name"));
        Assert.NotNull(volume.At("emptyDir"));
    }

    [Fact]
    public async Task Liveness_checks_healthz_and_readiness_checks_readyz_on_the_http_port()
    {
        var container = await Container();

        Assert.Equal("/healthz", container.Str("livenessProbe", "httpGet", "path"));
        Assert.Equal("/readyz", container.Str("readinessProbe", "httpGet", "path"));
        var ports = container.Items("ports").Select(p => p.Str("name")).ToList();
        Assert.Contains(container.Str("livenessProbe", "httpGet", "port"), ports);
        Assert.Contains(container.Str("readinessProbe", "httpGet", "port"), ports);
    }

    [Fact]
    public async Task Container_requests_cpu_and_memory_and_caps_memory()
    {
        var container = await Container();

        Assert.NotNull(container.Str("resources", "requests", "cpu"));
        Assert.NotNull(container.Str("resources", "requests", "memory"));
        Assert.NotNull(container.Str("resources", "limits", "memory"));
    }

    [Fact]
    public async Task Pods_run_as_the_operator_service_account_that_the_bindings_grant()
    {
        var rendered = await RenderedOperator.Load();
        var account = rendered.Single("ServiceAccount", "actors-operator");

        var used = (await Deployment()).Str("spec", "template", "spec", "serviceAccountName");

        Assert.Equal(account.Str("metadata", "name"), used);
        foreach (var binding in rendered.OfKind("ClusterRoleBinding").Concat(rendered.OfKind("RoleBinding")))
        {
            var subject = Assert.Single(binding.Items("subjects"));
            Assert.Equal(("ServiceAccount", used, Namespace), (subject.Str("kind"), subject.Str("name"), subject.Str("namespace")));
            var role = binding.Str("roleRef", "kind");
            Assert.True(rendered.OfKind(role!).Any(r => r.Str("metadata", "name") == binding.Str("roleRef", "name")),
                $"{binding.Str("kind")}/{binding.Str("metadata", "name")} refers to {role}/{binding.Str("roleRef", "name")}, which is not rendered.");
        }
    }

    [Fact]
    public async Task Deployment_and_service_select_the_operator_pods_and_named_ports()
    {
        var rendered = await RenderedOperator.Load();
        var deployment = await Deployment();
        var service = rendered.Single("Service", "actors-operator");
        var podLabels = deployment.At("spec", "template", "metadata", "labels")!.AsObject();
        var container = await Container();

        foreach (var selector in new[] { deployment.At("spec", "selector", "matchLabels")!, service.At("spec", "selector")! })
            foreach (var (key, value) in selector.AsObject())
                Assert.True(podLabels[key]?.GetValue<string>() == value!.GetValue<string>(), $"The pod template lacks the selected label {key}={value}.");
        var containerPorts = container.Items("ports").Select(p => p.Str("name")).ToList();
        foreach (var port in service.Items("spec", "ports"))
            Assert.Contains(port.Str("targetPort"), containerPorts);
    }
}
