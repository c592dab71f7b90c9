using System.CommandLine;
using System.CommandLine.Parsing;
using Actors.Contracts.Api;
using AddressMap = Actors.Kafka.Client.KafkaAddressMap;

namespace Actors.Silo.Hosting;

/// <summary>
/// The operator's flags. Flags take <c>--flag value</c> or <c>--flag=value</c>; booleans may be
/// given bare (<c>--install-crd</c>) or with a value (<c>--install-crd=false</c>). The same
/// flags appear in deploy/operator/deployment.yaml; flags taken away are refused with what
/// replaced them (<see cref="RemovedFlags"/>).
/// </summary>
public sealed class SiloCommandLine
{
    public Option<string?> Kubeconfig { get; } = new("--kubeconfig")
    {
        Description = "Kubeconfig file of the cluster to run against. Default: $KUBECONFIG, else the pod's service account, else embedded mode.",
        HelpName = "path",
    };

    public Option<string?> Context { get; } = new("--context")
    {
        Description = "Kubeconfig context to use instead of its current-context.",
        HelpName = "name",
    };

    public Option<IReadOnlyList<string>> WatchNamespaces { get; } = new("--watch-namespaces")
    {
        Description = "Comma-separated namespaces whose KafkaClusters are managed; empty (the default) means all.",
        HelpName = "ns1,ns2",
        CustomParser = ParseNamespaces,
        DefaultValueFactory = _ => [],
        Arity = ArgumentArity.ZeroOrOne,
    };

    public Option<string?> InstallCrd { get; } = Switch("--install-crd",
        "Install or update the KafkaCluster CRD at start-up. Default: true in embedded mode, false otherwise.");

    public Option<string?> OperatorCluster { get; } = new("--operator-cluster")
    {
        Description = "Make the replicas one Orleans cluster of this name (membership in the ConfigMap " + Actors.Grains.Hosting.SiloClustering.Kubernetes.MembershipPrefix + "<name> in the " +
                      "operator's namespace): every replica works, the KafkaClusters are shared among them, a dead replica's move to the others.",
        HelpName = "name",
    };

    public Option<System.Net.IPEndPoint?> SiloAddress { get; } = new("--silo-address")
    {
        Description = $"With --operator-cluster: the IP and port where the other replicas reach this one. Default: $POD_IP:{SiloOptions.DefaultSiloPort}.",
        HelpName = "ip:port",
        CustomParser = ParseSiloAddress,
    };

    public Option<string?> MembershipNamespace { get; } = new("--membership-namespace")
    {
        Description = "With --operator-cluster: the namespace of its membership ConfigMap. Default: $POD_NAMESPACE, else the kubeconfig context's namespace.",
        HelpName = "ns",
    };

    public Option<HostAddress> HttpAddress { get; } = new("--http-address")
    {
        Description = "Address of the HTTP API, dashboard, /metrics, /healthz and /readyz (HTTP/1.1 and HTTP/2).",
        HelpName = "host:port",
        DefaultValueFactory = _ => SiloOptions.Default("127.0.0.1:8080"),
        CustomParser = result => ParseAddress(result, "--http-address"),
    };

    public Option<HostAddress> GrpcAddress { get; } = new("--grpc-address")
    {
        Description = "Address of the gRPC API (cleartext HTTP/2, h2c).",
        HelpName = "host:port",
        DefaultValueFactory = _ => SiloOptions.Default("127.0.0.1:8081"),
        CustomParser = result => ParseAddress(result, "--grpc-address"),
    };

    public Option<string?> Embedded { get; } = Switch("--embedded",
        "Run against an in-process Kubernetes API emulator even when a cluster is configured.");

    public Option<string> StateDir { get; } = new("--state-dir")
    {
        Description = "Where embedded mode writes its kubeconfig and API tokens.",
        HelpName = "path",
        DefaultValueFactory = _ => ".actors",
    };

    public Option<string?> KafkaChecks { get; } = Switch("--kafka-checks",
        "Ask Kafka before each restart or removal (ISR, controller quorum, replicas on the broker), on top of pod readiness. " +
        "Default: true in embedded mode (it runs a Kafka of its own), false otherwise. " +
        "The annotation kafka.actors.dev/skip-kafka-checks=true skips them for one cluster.");

    public Option<string?> KafkaAddressMap { get; } = new("--kafka-address-map")
    {
        Description = "For an operator outside the cluster: where to connect for the addresses Kafka names, " +
                      "e.g. demo-bootstrap.kafka.svc.cluster.local:9092=127.0.0.1:19092 (comma-separated).",
        HelpName = "host:port=host:port,…",
    };

    public Option<TimeSpan> EmbeddedKafkaCatchUp { get; } = new("--embedded-kafka-catch-up")
    {
        Description = "Embedded mode: how long a Kafka node whose pod became Ready takes to be in sync again " +
                      "(rejoin its partitions' ISRs, catch up with the controller quorum), e.g. 5s, 500ms, 1m. " +
                      "A roll waits for it between nodes.",
        HelpName = "duration",
        DefaultValueFactory = _ => Actors.Silo.Embedded.EmbeddedKafka.DefaultCatchUp,
        CustomParser = result =>
        {
            var text = result.Tokens.Count == 0 ? "" : result.Tokens[0].Value;
            if (Actors.Emulator.Kubelet.GoDuration.TryParse(text, out var duration)) return duration;
            result.AddError($"--embedded-kafka-catch-up: '{text}' is not a duration such as 5s, 500ms or 1m.");
            return default;
        },
    };

    public Option<double> KubeApiQps { get; } = new("--kube-api-qps")
    {
        Description = "Requests per second the operator sends to the Kubernetes API, sustained (kube-controller-manager's flag of the same name). " +
                      "At start-up a KafkaCluster costs about 66 requests, so this bounds how fast a large fleet converges.",
        HelpName = "number",
        DefaultValueFactory = _ => SiloOptions.DefaultKubeApiQps,
        CustomParser = result => ParsePositive<double>(result, "--kube-api-qps", double.TryParse),
    };

    public Option<int> KubeApiBurst { get; } = new("--kube-api-burst")
    {
        Description = "Requests the operator may send to the Kubernetes API at once before --kube-api-qps paces them.",
        HelpName = "count",
        DefaultValueFactory = _ => SiloOptions.DefaultKubeApiBurst,
        CustomParser = result => ParsePositive<int>(result, "--kube-api-burst", int.TryParse),
    };

    public Option<bool> PrintCrd { get; } = new("--print-crd")
    {
        Description = "Print the KafkaCluster CRD as YAML (the content of deploy/crd/kafkaclusters.yaml) and exit.",
    };

    public RootCommand Root { get; }

    public SiloCommandLine()
    {
        Root = new RootCommand("Kafka operator silo: runs KafkaClusters on Kubernetes, or on an embedded API emulator when no cluster is configured.")
        {
            Kubeconfig, Context, WatchNamespaces, InstallCrd, OperatorCluster, SiloAddress, MembershipNamespace, HttpAddress, GrpcAddress, Embedded, StateDir,
            KafkaChecks, KafkaAddressMap, EmbeddedKafkaCatchUp, KubeApiQps, KubeApiBurst, PrintCrd,
        };
        foreach (var removed in RemovedFlags.Options()) Root.Options.Add(removed);
        KafkaAddressMap.Validators.Add(result =>
        {
            try
            {
                AddressMap.Parse(result.Tokens.Count == 0 ? "" : result.Tokens[0].Value);
            }
            catch (Exception e) when (e is FormatException or ArgumentException)
            {
                result.AddError($"--kafka-address-map: {e.Message}.");
            }
        });
        OperatorCluster.Validators.Add(result =>
        {
            // The name becomes part of the membership ConfigMap's name: the rule of that name decides.
            var name = result.Tokens.Count == 0 ? "" : result.Tokens[0].Value;
            if (name.Length == 0 || !Actors.Grains.Hosting.SiloClustering.Kubernetes.CanName(name))
                result.AddError($"--operator-cluster: '{name}' is not a name: lower-case letters, digits, '-' and '.', starting and ending with a letter or digit.");
        });
        Root.Validators.Add(result =>
        {
            if (result.GetValue(OperatorCluster) is not null)
            {
                if (IsOn(result, Embedded) == true)
                    result.AddError("--operator-cluster needs a Kubernetes API shared by the replicas; embedded mode runs its own. Leave out --embedded.");
            }
            else
            {
                if (result.GetValue(SiloAddress) is not null)
                    result.AddError("--silo-address is where the other replicas of an operator cluster reach this one: it needs --operator-cluster.");
                if (result.GetValue(MembershipNamespace) is not null)
                    result.AddError("--membership-namespace is where an operator cluster keeps its membership ConfigMap: it needs --operator-cluster.");
            }
            if (IsOn(result, Embedded) == true && result.GetValue(Kubeconfig) is { Length: > 0 })
                result.AddError("--embedded and --kubeconfig contradict each other: embedded mode runs its own API server. Give one of them.");
            if (result.GetValue(Kubeconfig) is { } path && path.Trim().Length == 0)
                result.AddError("--kubeconfig needs a file path.");
        });
    }

    public ParseResult Parse(IReadOnlyList<string> args) => Root.Parse(args);

    public SiloOptions OptionsFrom(ParseResult result) => OptionsFrom(result.RootCommandResult);

    private SiloOptions OptionsFrom(CommandResult result) => new()
    {
        Kubeconfig = result.GetValue(Kubeconfig),
        Context = result.GetValue(Context),
        WatchNamespaces = result.GetValue(WatchNamespaces) ?? [],
        InstallCrd = IsOn(result, InstallCrd),
        OperatorCluster = result.GetValue(OperatorCluster),
        SiloAddress = result.GetValue(SiloAddress),
        MembershipNamespace = result.GetValue(MembershipNamespace),
        HttpAddress = result.GetValue(HttpAddress)!,
        GrpcAddress = result.GetValue(GrpcAddress)!,
        Embedded = IsOn(result, Embedded) ?? false,
        StateDir = result.GetValue(StateDir) ?? ".actors",
        KafkaChecks = IsOn(result, KafkaChecks),
        KafkaAddressMap = result.GetValue(KafkaAddressMap),
        EmbeddedKafkaCatchUp = result.GetValue(EmbeddedKafkaCatchUp),
        KubeApiQps = result.GetValue(KubeApiQps),
        KubeApiBurst = result.GetValue(KubeApiBurst),
    };

    /// <summary>
    /// A boolean flag: absent, bare (true) or with an explicit true/false. Its argument is a
    /// string checked here, so that a wrong value ("--install-crd=maybe") is an error naming
    /// the flag rather than a stray argument, which is what a bool-typed option would make of it.
    /// </summary>
    private static Option<string?> Switch(string name, string description)
    {
        var option = new Option<string?>(name) { Description = description, Arity = ArgumentArity.ZeroOrOne, HelpName = "true|false" };
        option.Validators.Add(result =>
        {
            if (result.Tokens.Count > 0 && !bool.TryParse(result.Tokens[0].Value.Trim(), out _))
                result.AddError($"{name} takes true or false, got '{result.Tokens[0].Value}'.");
        });
        return option;
    }

    /// <summary>Null when the flag is absent, true when bare, else its value.</summary>
    private static bool? IsOn(SymbolResult result, Option<string?> option)
    {
        var found = result.GetResult(option);
        if (found is null || found.Implicit) return null;
        if (found.Tokens.Count == 0) return true;
        return bool.TryParse(found.Tokens[0].Value.Trim(), out var value) ? value : null; // a wrong value is the validator's error
    }

    private static HostAddress ParseAddress(ArgumentResult result, string flag)
    {
        var text = result.Tokens.Count == 0 ? "" : result.Tokens[0].Value;
        if (HostAddress.TryParse(text, out var address, out var error)) return address;
        result.AddError($"{flag}: {error}");
        return null!;
    }

    private delegate bool TryParseNumber<T>(string text, System.Globalization.NumberStyles style, IFormatProvider provider, out T value);

    /// <summary>
    /// A number above zero (and finite): the client's limiter reads zero as "no limit", which a
    /// user who typed 0 did not ask for.
    /// </summary>
    private static T ParsePositive<T>(ArgumentResult result, string flag, TryParseNumber<T> tryParse) where T : System.Numerics.INumber<T>
    {
        var text = result.Tokens.Count == 0 ? "" : result.Tokens[0].Value.Trim();
        if (tryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var value)
            && value > T.Zero && T.IsFinite(value))
            return value;
        result.AddError($"{flag}: '{text}' is not a number above zero.");
        return T.One;
    }

    private static System.Net.IPEndPoint? ParseSiloAddress(ArgumentResult result)
    {
        var text = result.Tokens.Count == 0 ? "" : result.Tokens[0].Value;
        if (System.Net.IPEndPoint.TryParse(text, out var endpoint) && endpoint.Port != 0) return endpoint;
        result.AddError($"--silo-address: '{text}' is not an IP address and port, e.g. 10.0.0.7:{SiloOptions.DefaultSiloPort}.");
        return null;
    }

    private static IReadOnlyList<string> ParseNamespaces(ArgumentResult result)
    {
        var text = result.Tokens.Count == 0 ? "" : string.Join(',', result.Tokens.Select(t => t.Value));
        var names = text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct().ToList();
        foreach (var name in names)
        {
            if (ClusterRequestRules.CheckNamespace(name) is { } problem)
                result.AddError($"--watch-namespaces: {problem.Message}");
        }

        return names;
    }
}
