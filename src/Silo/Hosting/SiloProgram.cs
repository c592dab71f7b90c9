using System.CommandLine;
using System.Text.Json.Nodes;
using Actors.Kubernetes;
using Actors.Silo.Embedded;
using Actors.Silo.LeaderElection;
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

        EmbeddedCluster? embedded = null;
        KubernetesClient? client = null;
        try
        {
            KubernetesClientConfiguration configuration;
            ApiTokens tokens;
            if (choice.Mode == ClusterMode.Embedded)
            {
                embedded = await EmbeddedCluster.StartAsync(options.StateDir, CancellationToken.None);
                (configuration, tokens) = (embedded.Configuration, embedded.Tokens);
            }
            else
            {
                configuration = ClusterSelection.Load(choice, options.Context, environment);
                tokens = ApiTokens.FromEnvironment(environment.Variable);
            }

            client = new KubernetesClient(configuration);
            await ReachAsync(client, configuration);
            await PrepareAsync(client, options, choice, embedded, stderr);
            return await ServeAsync(client, configuration, tokens, options, choice, embedded, environment.Variable, stdout, stop);
        }
        catch (Exception e) when (e is KubeConfigException or FormatException or UnusableClusterException)
        {
            return await FailAsync(stderr, StartupError, e.Message);
        }
        catch (Exception e) when (e is KubernetesApiException or TimeoutException or HttpRequestException or IOException)
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
    private static async Task ReachAsync(KubernetesClient client, KubernetesClientConfiguration configuration)
    {
        using var limit = new CancellationTokenSource(ReachTimeout);
        JsonNode? answer;
        try
        {
            answer = await client.SendAsync(HttpMethod.Get, "/version", cancellationToken: limit.Token);
        }
        catch (Exception e) when (e is HttpRequestException or TimeoutException or OperationCanceledException or KubernetesApiException)
        {
            var reason = e is OperationCanceledException ? $"no answer within {ReachTimeout.TotalSeconds:0}s" : e.Message;
            throw new UnusableClusterException($"Cannot reach the Kubernetes API server {configuration.Server} ({configuration.Source}): {reason}");
        }

        if (KubernetesServerVersion.Parse(answer)?.Refusal($"{configuration.Server} ({configuration.Source})") is { } refusal)
            throw new UnusableClusterException(refusal);
    }

    /// <summary>The CRD (when allowed; always in embedded mode by default) and, in embedded mode, the sample cluster.</summary>
    private static async Task PrepareAsync(KubernetesClient client, SiloOptions options, ClusterChoice choice, EmbeddedCluster? embedded, TextWriter stderr)
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

    private static async Task<int> ServeAsync(KubernetesClient client, KubernetesClientConfiguration configuration, ApiTokens tokens, SiloOptions options,
        ClusterChoice choice, EmbeddedCluster? embedded, Func<string, string?> variable, TextWriter stdout, CancellationToken stop)
    {
        var identity = LeaderElectionOptions.DefaultIdentity(variable);
        var leaseNamespace = LeaseNamespaceOf(options, variable, configuration);
        await using var app = SiloHost.Build(new SiloSetup
        {
            Options = options, Client = client, Tokens = tokens, LeaseNamespace = leaseNamespace, Identity = identity,
        });
        await app.StartAsync();

        // Kestrel lists bound addresses in the order the listeners were declared: HTTP, then gRPC.
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.ToList();
        await stdout.WriteAsync(new StartupBanner
        {
            Cluster = choice,
            ApiServer = $"{configuration.Server} ({configuration.Source})",
            Http = new Uri(addresses[0]),
            Grpc = new Uri(addresses[^1]),
            Leadership = options.LeaderElect
                ? $"elected through Lease {leaseNamespace}/{LeaderElectionOptions.DefaultLeaseName} as {identity}"
                : $"single replica ({identity}), no election",
            WatchNamespaces = options.WatchNamespaces,
            KubeconfigPath = embedded?.State.Display(embedded.State.Kubeconfig),
            TokenPath = embedded?.State.Display(embedded.State.Token),
            ReadTokenPath = embedded?.State.Display(embedded.State.ReadToken),
            SampleNamespace = embedded is null ? null : SampleCluster.Namespace,
            DashboardToken = embedded?.Tokens.Read.FirstOrDefault(),
        }.Render());
        await stdout.FlushAsync();

        await app.WaitForShutdownAsync(stop);
        return 0;
    }

    /// <summary>--lease-namespace, else the pod's namespace (POD_NAMESPACE), else the configuration's namespace.</summary>
    private static string LeaseNamespaceOf(SiloOptions options, Func<string, string?> variable, KubernetesClientConfiguration configuration)
    {
        if (!string.IsNullOrEmpty(options.LeaseNamespace)) return options.LeaseNamespace;
        return variable("POD_NAMESPACE") is { Length: > 0 } podNamespace ? podNamespace : configuration.Namespace;
    }

    private static async Task<int> FailAsync(TextWriter stderr, int code, string message)
    {
        await stderr.WriteLineAsync($"error: {message}");
        await stderr.FlushAsync();
        return code;
    }

    private sealed class UnusableClusterException(string message) : Exception(message);
}
