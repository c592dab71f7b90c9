using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using k8s;

namespace Actors.EndToEnd.Tests.Silo;

/// <summary>Replicas of one operator cluster in a <see cref="SiloProcessWorld"/>: started on loopback, asked whether they are Active.</summary>
internal static class OperatorReplicas
{
    /// <summary>The namespace of the membership ConfigMap in these scenarios (the operator's own).</summary>
    public const string MembershipNamespace = "kube-system";

    public static Task<SiloProcess> StartAsync(SiloProcessWorld world, string identity, string operatorCluster, string? podNamespace = null, params string[] flags) =>
        world.StartReplicaAsync(identity, podNamespace,
            ["--operator-cluster", operatorCluster, "--silo-address", $"127.0.0.1:{FreePort()}", "--membership-namespace", MembershipNamespace, .. flags]);

    /// <summary>The rows of the operator cluster's membership table: each replica's name and status.</summary>
    public static async Task<IReadOnlyDictionary<string, string>> RowsAsync(k8s.Kubernetes client, string configMap)
    {
        var map = await client.CoreV1.ReadNamespacedConfigMapAsync(configMap, MembershipNamespace);
        return JsonNode.Parse(map.Data["membership.json"])!["silos"]!.AsArray()
            .GroupBy(row => (string)row!["siloName"]!)
            .ToDictionary(g => g.Key, g => (string)g.Last()!["status"]!);
    }

    /// <summary>What the replica's /readyz check "operator-cluster" says: ready, and its detail.</summary>
    public static async Task<(bool Ready, string Detail)> MembershipAsync(SiloProcess silo)
    {
        using var http = new HttpClient { BaseAddress = silo.Http, Timeout = TimeSpan.FromSeconds(30) };
        using var answer = await http.GetAsync("/readyz");
        var checks = JsonNode.Parse(await answer.Content.ReadAsStringAsync())!["checks"]!.AsArray();
        var check = checks.First(c => (string?)c!["name"] == "operator-cluster")!;
        return ((bool?)check["ready"] == true, (string?)check["detail"] ?? "");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
