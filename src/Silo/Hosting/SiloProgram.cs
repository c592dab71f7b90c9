using System.CommandLine;
using Actors.Grains.Hosting;
using Actors.Kubernetes;
using Actors.Silo.Embedded;
using Actors.Silo.OperatorCluster;
using k8s;
using k8s.Autorest;
using k8s.Exceptions;
using k8s.Models;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Actors.Silo.Hosting;

/// <summary>
/// The silo from its command line to its exit code: parse the flags, choose and reach the
/// cluster (or start the embedded one), install the CRD, start serving, print the banner,
/// and stop cleanly on SIGTERM or Ctrl+C. Anything wrong before serving is reported in one
/// clear line on stderr with a non-zero exit code, and nothing is left running.
/// </summary>
public static class SiloProgram
{
    public const int UsageError = 2;
    public const int StartupError = 1;

    private static readonly TimeSpan ReachTimeout = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan EstablishTimeout = TimeSpan.FromSeconds(30);

    public static Task<int> RunAsync(string[] args) =>
        RunAsync(args, Console.Out, Console.Error, InClusterEnvironment.Default, CancellationToken.None);

    /// <param name="environment">Where the pod's service account and every environment variable are read from.</param>
    /// <param name="stop">Stops a running silo, as SIGTERM does (tests).</param>
    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, InClusterEnvironment environment, CancellationToken stop)
    {
        var commandLine = new SiloCommandLine();
        var parsed = commandLine.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var error in parsed.Errors) await stderr.WriteLineAsync($"error: {error.Message}");
            await stderr.WriteLineAsync("Run with --help to see the flags.");
            return UsageError;
        }

        if (parsed.Action is not null) // --help, --version
            return await parsed.InvokeAsync(new InvocationConfiguration { Output = stdout, Error = stderr });

        if (parsed.GetValue(commandLine.PrintCrd))
        {
            await stdout.WriteAsync(CrdDocument.Yaml());
            return 0;
        }

        var options = commandLine.OptionsFrom(parsed);
        var choice = ClusterSelection.Choose(options, environment);
        if (choice.Mode == ClusterMode.Embedded && !string.IsNullOrEmpty(options.Context))
            return await FailAsync(stderr, UsageError, "--context selects a kubeconfig context, but embedded mode has no kubeconfig to choose from; give --kubeconfig too, or drop --context.");

        if (options.OperatorCluster is not null)
        {
            if (choice.Mode == ClusterMode.Embedded)
                return await FailAsync(stderr, UsageError, "--operator-cluster needs a Kubernetes API shared by the replicas, but no cluster is configured (embedded mode); give --kubeconfig.");
            if (options.SiloAddress is null && SiloAddressFromPod(environment.Variable) is null)
                return await FailAsync(stderr, UsageError, $"--operator-cluster needs this replica's address: give --silo-address ip:port, or run in a pod with $POD_IP set (the downward API's status.podIP).");
        }

        EmbeddedCluster? embedded = null;
        k8s.Kubernetes? client = null;
        try
        {
            KubernetesClientConfiguration configuration;
            string source;
            ApiTokens tokens;
            if (choice.Mode == ClusterMode.Embedded)
            {
                embedded = await EmbeddedCluster.StartAsync(options.StateDir, options.EmbeddedKafkaCatchUp, CancellationToken.None);
                (configuration, source, tokens) = (embedded.Configuration, embedded.Source, embedded.Tokens);
                options = WithEmbeddedKafka(options, embedded.Kafka);
            }
            else
            {
                (configuration, source) = ClusterSelection.Load(choice, options.Context, environment);
                tokens = ApiTokens.FromEnvironment(environment.Variable);
            }

            // The one client of the process: every part of the silo and of the operator shares it.
            client = KubernetesClients.Create(configuration, new ClientPolicy { Qps = options.KubeApiQps, Burst = options.KubeApiBurst });
            var server = $"{configuration.Host} ({source})";
            await ReachAsync(client, server);
            await PrepareAsync(client, options, choice, embedded, stderr);
            return await ServeAsync(client, configuration, server, tokens, options, choice, embedded, environment.Variable, stdout, stop);
        }
        catch (Exception e) when (e is KubeConfigException or FormatException or UnusableClusterException)
        {
            return await FailAsync(stderr, StartupError, e.Message);
        }
        catch (HttpOperationException e)
        {
            return await FailAsync(stderr, StartupError, $"start-up failed: {e.Request?.Method} {e.Request?.RequestUri?.AbsolutePath}: {e.ApiMessage()}");
        }
        catch (Exception e) when (e is TimeoutException or HttpRequestException or IOException)
        {
            return await FailAsync(stderr, StartupError, $"start-up failed: {e.Message}");
        }
        finally
        {
            client?.Dispose();
            if (embedded is not null) await embedded.DisposeAsync();
        }
    }

    /// <summary>
    /// Asks the API server for its version, so a wrong server or credential fails now, clearly,
    /// and so does a server older than <see cref="KubernetesServerVersion.Minimum"/>.
    /// </summary>
    /// <param name="server">The API server's address and where it was configured, for the messages.</param>
    private static async Task ReachAsync(k8s.Kubernetes client, string server)
    {
        using var limit = new CancellationTokenSource(ReachTimeout);
        VersionInfo answer;
        try
        {
            answer = await client.Version.GetCodeAsync(limit.Token);
        }
        catch (Exception e) when (e is HttpRequestException or TimeoutException or OperationCanceledException or HttpOperationException or IOException)
        {
            var reason = e switch
            {
                OperationCanceledException => $"no answer within {ReachTimeout.TotalSeconds:0}s",
                HttpOperationException refused => refused.ApiMessage(),
                _ => e.Message,
            };
            throw new UnusableClusterException($"Cannot reach the Kubernetes API server {server}: {reason}");
        }

        if (KubernetesServerVersion.From(answer)?.Refusal(server) is { } refusal)
            throw new UnusableClusterException(refusal);
    }

    /// <summary>The CRD (when allowed; always in embedded mode by default) and, in embedded mode, the sample cluster.</summary>
    private static async Task PrepareAsync(k8s.Kubernetes client, SiloOptions options, ClusterChoice choice, EmbeddedCluster? embedded, TextWriter stderr)
    {
        var installCrd = options.InstallCrd ?? choice.Mode == ClusterMode.Embedded;
        var installer = new CustomResourceInstaller(client);
        if (installCrd)
        {
            await installer.InstallAsync(EstablishTimeout, CancellationToken.None);
            if (embedded is not null) await SampleCluster.ApplyAsync(client, CancellationToken.None);
        }
        else if (!await installer.IsEstablishedAsync(CancellationToken.None))
        {
            await stderr.WriteLineAsync($"warning: the CRD {CustomResourceInstaller.CrdName} is not installed; install it with `kubectl apply -k deploy/crd` or start with --install-crd.");
        }
    }

    private static async Task<int> ServeAsync(k8s.Kubernetes client, KubernetesClientConfiguration configuration, string server, ApiTokens tokens, SiloOptions options,
        ClusterChoice choice, EmbeddedCluster? embedded, Func<string, string?> variable, TextWriter stdout, CancellationToken stop)
    {
        var replica = ReplicaName.From(variable);
        var clustering = options.OperatorCluster is { } clusterId
            ? new SiloClustering.Kubernetes(MembershipNamespaceOf(options, variable, configuration), clusterId, options.SiloAddress ?? SiloAddressFromPod(variable)!, replica)
            : null;
        await using var app = SiloHost.Build(new SiloSetup
        {
            Options = options, Client = client, Tokens = tokens, Clustering = clustering,
            PodWatch = ReplicaPodWatch.InPod(variable) ? configuration : null,
        });
        await app.StartAsync();

        // Kestrel lists bound addresses in the order the listeners were declared: HTTP, then gRPC.
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.ToList();
        await stdout.WriteAsync(new StartupBanner
        {
            Cluster = choice,
            ApiServer = server,
            Http = new Uri(addresses[0]),
            Grpc = new Uri(addresses[^1]),
            Replica = clustering is not null
                ? $"{replica} of operator cluster {clustering.ClusterId} (membership ConfigMap {clustering.Namespace}/{clustering.MembershipObject}), silo at {clustering.Advertised}"
                : $"{replica}, alone (run more replicas with --operator-cluster=<name>)",
            WatchNamespaces = options.WatchNamespaces,
            KubeconfigPath = embedded?.State.Display(embedded.State.Kubeconfig),
            TokenPath = embedded?.State.Display(embedded.State.Token),
            ReadTokenPath = embedded?.State.Display(embedded.State.ReadToken),
            SampleNamespace = embedded is null ? null : SampleCluster.Namespace,
            SampleName = embedded?.Kafka.Cluster.Name,
            DashboardToken = embedded?.Tokens.Read.FirstOrDefault(),
            KafkaPeer = embedded?.Kafka.Endpoint.ToString(),
        }.Render());
        await stdout.FlushAsync();

        await app.WaitForShutdownAsync(stop);
        return 0;
    }

    /// <summary>In a pod: its IP (downward API) and the default silo port.</summary>
    private static System.Net.IPEndPoint? SiloAddressFromPod(Func<string, string?> variable) =>
        System.Net.IPAddress.TryParse(variable("POD_IP"), out var ip) ? new System.Net.IPEndPoint(ip, SiloOptions.DefaultSiloPort) : null;

    /// <summary>
    /// Embedded mode asks its own Kafka before each step, unless --kafka-checks=false: the operator's
    /// checks reach the sample cluster's peer through the address map, after any mapping given.
    /// Clusters a user creates have no Kafka here: they go by readiness alone (with an Event).
    /// </summary>
    private static SiloOptions WithEmbeddedKafka(SiloOptions options, EmbeddedKafka kafka) => options with
    {
        KafkaChecks = options.KafkaChecks ?? true,
        KafkaChecksOnlyWhereMapped = true,
        KafkaAddressMap = string.IsNullOrWhiteSpace(options.KafkaAddressMap) ? kafka.AddressMapEntry : $"{options.KafkaAddressMap},{kafka.AddressMapEntry}",
    };

    /// <summary>--membership-namespace, else the pod's namespace (POD_NAMESPACE), else the configuration's namespace.</summary>
    private static string MembershipNamespaceOf(SiloOptions options, Func<string, string?> variable, KubernetesClientConfiguration configuration)
    {
        if (!string.IsNullOrEmpty(options.MembershipNamespace)) return options.MembershipNamespace;
        return variable("POD_NAMESPACE") is { Length: > 0 } podNamespace ? podNamespace : configuration.Namespace;
    }

    /// <summary>
    /// One line, always: some of the library's messages carry an inner exception's stack trace
    /// after their first line (a failing exec plugin), which says nothing more to the person starting the silo.
    /// </summary>
    private static async Task<int> FailAsync(TextWriter stderr, int code, string message)
    {
        var firstLine = message.Split('\n', 2)[0].TrimEnd('\r');
        await stderr.WriteLineAsync($"error: {firstLine}");
        await stderr.FlushAsync();
        return code;
    }

    private sealed class UnusableClusterException(string message) : Exception(message);
}
