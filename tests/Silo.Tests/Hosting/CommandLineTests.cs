using System.Text.Json.Nodes;
using Actors.Kubernetes;
using Actors.Silo.Hosting;

namespace Actors.Silo.Tests.Hosting;

public sealed class CommandLineTests
{
    private static SiloOptions Parse(params string[] args)
    {
        var commandLine = new SiloCommandLine();
        var result = commandLine.Parse(args);
        Assert.Empty(result.Errors);
        return commandLine.OptionsFrom(result);
    }

    private static IReadOnlyList<string> Errors(params string[] args) =>
        new SiloCommandLine().Parse(args).Errors.Select(e => e.Message).ToList();

    [Fact]
    public void Without_flags_the_silo_serves_on_loopback_8080_and_8081_and_keeps_state_in_dot_actors()
    {
        var options = Parse();

        Assert.Equal("127.0.0.1:8080", options.HttpAddress.ToString());
        Assert.Equal("127.0.0.1:8081", options.GrpcAddress.ToString());
        Assert.Equal(".actors", options.StateDir);
        Assert.Null(options.OperatorCluster);
        Assert.Null(options.MembershipNamespace);
        Assert.Null(options.InstallCrd);
        Assert.Empty(options.WatchNamespaces);
        Assert.False(options.Embedded);
        Assert.Null(options.Kubeconfig);
        Assert.Null(options.KafkaChecks);
        Assert.Null(options.KafkaAddressMap);
        Assert.Equal(TimeSpan.FromSeconds(5), options.EmbeddedKafkaCatchUp);
    }

    [Fact]
    public void Kafka_checks_are_switched_on_with_an_address_map_for_an_operator_outside_the_cluster()
    {
        var options = Parse("--kafka-checks", "--kafka-address-map=demo-bootstrap.kafka.svc.cluster.local:9092=127.0.0.1:19092");

        Assert.True(options.KafkaChecks);
        Assert.Equal("demo-bootstrap.kafka.svc.cluster.local:9092=127.0.0.1:19092", options.KafkaAddressMap);
    }

    [Fact]
    public void The_flags_of_the_operator_deployment_mean_one_operator_cluster_all_namespaces_no_crd_install_on_every_interface()
    {
        var deployment = Manifests.Parse(File.ReadAllText(Repository.PathOf("deploy/operator/deployment.yaml"))).Single();
        var args = deployment["spec"]!["template"]!["spec"]!["containers"]!.AsArray()[0]!["args"]!.AsArray()
            .Select(a => a!.GetValue<string>()).ToArray();

        var options = Parse(args);

        Assert.Equal("actors-operator", options.OperatorCluster);
        Assert.Null(options.SiloAddress); // $POD_IP:11111, from the pod
        Assert.False(options.InstallCrd);
        Assert.Empty(options.WatchNamespaces);
        Assert.Equal("0.0.0.0:8080", options.HttpAddress.ToString());
        Assert.Equal("0.0.0.0:8081", options.GrpcAddress.ToString());
    }

    [Theory]
    [InlineData(new[] { "--kafka-checks" }, true)]
    [InlineData(new[] { "--kafka-checks=true" }, true)]
    [InlineData(new[] { "--kafka-checks=false" }, false)]
    [InlineData(new[] { "--kafka-checks", "false" }, false)]
    public void Booleans_may_be_given_bare_or_with_a_value(string[] args, bool expected) =>
        Assert.Equal(expected, Parse(args).KafkaChecks);

    [Fact]
    public void Watch_namespaces_take_a_comma_list_and_empty_means_all()
    {
        Assert.Equal(["kafka", "team-b"], Parse("--watch-namespaces=kafka, team-b,kafka").WatchNamespaces);
        Assert.Empty(Parse("--watch-namespaces=").WatchNamespaces);
    }

    [Theory]
    [InlineData("--http-address=8080", "--http-address")]
    [InlineData("--grpc-address=127.0.0.1:99999", "--grpc-address")]
    [InlineData("--grpc-address=example.com:8081", "not an IP address")]
    [InlineData("--install-crd=maybe", "--install-crd takes true or false, got 'maybe'")]
    [InlineData("--watch-namespaces=Kafka_Prod", "DNS-1123")]
    [InlineData("--kafka-address-map=demo-bootstrap:9092", "--kafka-address-map: address mapping 'demo-bootstrap:9092' is not host:port=host:port")]
    [InlineData("--frobnicate", "--frobnicate")]
    [InlineData("--operator-cluster=Ops_1", "--operator-cluster: 'Ops_1' is not a name")]
    public void A_bad_flag_is_refused_with_a_message_naming_it(string arg, string expected) =>
        Assert.Contains(Errors(arg), message => message.Contains(expected, StringComparison.Ordinal));

    [Fact]
    public void Embedded_mode_and_a_kubeconfig_contradict_each_other() =>
        Assert.Contains(Errors("--embedded", "--kubeconfig", "/tmp/x"), m => m.Contains("--embedded and --kubeconfig"));

    [Fact]
    public void An_operator_cluster_replica_is_reached_at_its_silo_address()
    {
        var options = Parse("--operator-cluster=ops", "--silo-address=10.0.0.7:11111");

        Assert.Equal("ops", options.OperatorCluster);
        Assert.Equal("10.0.0.7:11111", options.SiloAddress?.ToString());
    }

    [Fact]
    public void An_operator_cluster_keeps_its_membership_in_the_namespace_given()
    {
        Assert.Equal("kube-system", Parse("--operator-cluster=ops", "--membership-namespace=kube-system").MembershipNamespace);
    }

    [Theory]
    [InlineData(new object[] { new[] { "--leader-elect" } })]
    [InlineData(new object[] { new[] { "--leader-elect=true" } })]
    [InlineData(new object[] { new[] { "--leader-elect=false" } })]
    [InlineData(new object[] { new[] { "--leader-elect", "false" } })]
    [InlineData(new object[] { new[] { "--operator-cluster=ops", "--leader-elect" } })]
    public void Leader_election_is_refused_as_removed_pointing_to_the_operator_cluster(string[] args)
    {
        var message = Assert.Single(Errors(args));

        Assert.Equal(RemovedFlags.LeaderElect, message);
        Assert.StartsWith("--leader-elect was removed: ", message, StringComparison.Ordinal);
        Assert.Contains("--operator-cluster=<name>", message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_lease_namespace_is_refused_as_removed_pointing_to_the_membership_namespace()
    {
        var message = Assert.Single(Errors("--operator-cluster=ops", "--lease-namespace", "kube-system"));

        Assert.StartsWith("--lease-namespace was removed", message, StringComparison.Ordinal);
        Assert.Contains("--membership-namespace", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_lists_the_operator_cluster_flags_and_none_that_was_removed()
    {
        var help = new StringWriter();
        await new SiloCommandLine().Parse(["--help"]).InvokeAsync(new System.CommandLine.InvocationConfiguration { Output = help });

        Assert.Contains("--operator-cluster", help.ToString());
        Assert.Contains("--membership-namespace", help.ToString());
        Assert.DoesNotContain("--leader-elect", help.ToString());
        Assert.DoesNotContain("lease", help.ToString(), StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData(new[] { "--operator-cluster=ops", "--embedded" }, "--operator-cluster needs a Kubernetes API shared by the replicas")]
    [InlineData(new[] { "--silo-address=10.0.0.7:11111" }, "it needs --operator-cluster")]
    [InlineData(new[] { "--membership-namespace=kube-system" }, "it needs --operator-cluster")]
    [InlineData(new[] { "--operator-cluster=ops", "--silo-address=example.com:11111" }, "--silo-address: 'example.com:11111' is not an IP address and port")]
    public void An_operator_cluster_refuses_flags_that_contradict_it(string[] args, string expected) =>
        Assert.Contains(Errors(args), message => message.Contains(expected, StringComparison.Ordinal));

    [Fact]
    public void An_operator_cluster_manages_a_set_of_namespaces()
    {
        var options = Parse("--operator-cluster=ops", "--watch-namespaces=a,b");

        Assert.Equal("ops", options.OperatorCluster);
        Assert.Equal(["a", "b"], options.WatchNamespaces);
    }

    [Fact]
    public void Without_kube_api_flags_the_client_keeps_its_own_pace_of_50_per_second_with_bursts_of_100()
    {
        var options = Parse();

        Assert.Equal(50, options.KubeApiQps);
        Assert.Equal(100, options.KubeApiBurst);
        Assert.Equal(new ClientPolicy().Qps, options.KubeApiQps);
        Assert.Equal(new ClientPolicy().Burst, options.KubeApiBurst);
    }

    [Theory]
    [InlineData(new[] { "--kube-api-qps", "200", "--kube-api-burst", "400" }, 200.0, 400)]
    [InlineData(new[] { "--kube-api-qps=7.5", "--kube-api-burst=1" }, 7.5, 1)]
    public void Kube_api_flags_set_the_rate_and_the_burst(string[] args, double qps, int burst)
    {
        var options = Parse(args);

        Assert.Equal(qps, options.KubeApiQps);
        Assert.Equal(burst, options.KubeApiBurst);
    }

    [Theory]
    [InlineData("--kube-api-qps=0")]
    [InlineData("--kube-api-qps=-5")]
    [InlineData("--kube-api-qps=fast")]
    [InlineData("--kube-api-qps=NaN")]
    [InlineData("--kube-api-qps=Infinity")]
    [InlineData("--kube-api-burst=0")]
    [InlineData("--kube-api-burst=-1")]
    [InlineData("--kube-api-burst=many")]
    [InlineData("--kube-api-burst=2.5")]
    public void A_kube_api_rate_or_burst_that_is_not_a_number_above_zero_is_a_usage_error_naming_the_flag(string arg)
    {
        var flag = arg[..arg.IndexOf('=', StringComparison.Ordinal)];
        var value = arg[(arg.IndexOf('=', StringComparison.Ordinal) + 1)..];

        var message = Assert.Single(Errors(arg));

        Assert.Equal($"{flag}: '{value}' is not a number above zero.", message);
    }
}
