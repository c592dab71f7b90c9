using Actors.Emulator.Tests.Support;

namespace Actors.Emulator.Tests.Kubectl;

/// <summary>
/// The kinds an operator's own manifests use — apps/v1 Deployments and the RBAC objects — are
/// served like on a real API server, so `kubectl apply -k deploy/operator` works against the emulator.
/// </summary>
public sealed class OperatorManifestKindsTests : EmulatorTest
{

    [Theory]
    [InlineData("/apis/apps/v1", "deployments", "Deployment", "true")]
    [InlineData("/apis/rbac.authorization.k8s.io/v1", "roles", "Role", "true")]
    [InlineData("/apis/rbac.authorization.k8s.io/v1", "rolebindings", "RoleBinding", "true")]
    [InlineData("/apis/rbac.authorization.k8s.io/v1", "clusterroles", "ClusterRole", "false")]
    [InlineData("/apis/rbac.authorization.k8s.io/v1", "clusterrolebindings", "ClusterRoleBinding", "false")]
    public async Task Deployments_and_rbac_kinds_are_listed_in_discovery_with_their_scope(string groupVersion, string plural, string kind, string namespaced)
    {
        var list = Support.Api.Ok(await Api.Get(groupVersion));
        var resource = list["resources"]!.AsArray().Single(r => r.Text("name") == plural)!;
        Assert.Equal(kind, resource.Text("kind"));
        Assert.Equal(namespaced, resource.Text("namespaced"));
    }

    const string Manifests = """
        apiVersion: v1
        kind: ServiceAccount
        metadata: { name: op, namespace: default }
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata: { name: op }
        rules:
          - apiGroups: [""]
            resources: ["pods"]
            verbs: ["get", "list", "watch"]
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRoleBinding
        metadata: { name: op }
        roleRef: { apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: op }
        subjects: [{ kind: ServiceAccount, name: op, namespace: default }]
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: Role
        metadata: { name: op-leases, namespace: default }
        rules:
          - apiGroups: ["coordination.k8s.io"]
            resources: ["leases"]
            verbs: ["get", "create", "update"]
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: RoleBinding
        metadata: { name: op-leases, namespace: default }
        roleRef: { apiGroup: rbac.authorization.k8s.io, kind: Role, name: op-leases }
        subjects: [{ kind: ServiceAccount, name: op, namespace: default }]
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata: { name: op, namespace: default }
        spec:
          replicas: 2
          selector: { matchLabels: { app: op } }
          template:
            metadata: { labels: { app: op } }
            spec:
              serviceAccountName: op
              containers: [{ name: op, image: example/op:1 }]
        """;

    [Fact]
    public async Task Kubectl_applies_a_deployment_with_its_rbac_and_reads_them_back()
    {
        var kubectl = Fixture.Kubectl();
        var output = await kubectl.Ok("apply", "-f", kubectl.WriteFile("operator.yaml", Manifests));

        Assert.Equal(
        [
            "serviceaccount/op created",
            "clusterrole.rbac.authorization.k8s.io/op created",
            "clusterrolebinding.rbac.authorization.k8s.io/op created",
            "role.rbac.authorization.k8s.io/op-leases created",
            "rolebinding.rbac.authorization.k8s.io/op-leases created",
            "deployment.apps/op created",
        ], output.Split('\n', StringSplitOptions.RemoveEmptyEntries));

        var deployment = await Find("/apis/apps/v1/namespaces/default/deployments", "op");
        Assert.Equal("2", deployment.Text("spec", "replicas"));
        var role = await Find("/apis/rbac.authorization.k8s.io/v1/clusterroles", "op");
        Assert.Equal("pods", role!["rules"]![0]!["resources"]![0].Text());

        var names = await kubectl.Ok("get", "deploy,clusterrolebinding,rolebinding", "-o", "name");
        Assert.Equal(
            ["deployment.apps/op", "clusterrolebinding.rbac.authorization.k8s.io/op", "rolebinding.rbac.authorization.k8s.io/op-leases"],
            names.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }
}
