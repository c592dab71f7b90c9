using k8s;
using k8s.Exceptions;
using Microsoft.Extensions.Logging;

namespace Actors.Emulator.Kubelet;

/// <summary>
/// <c>dotnet run --project src/Emulator -- kubelet [--kubeconfig PATH] [--context NAME] [--namespace NS]...
/// [--nodes N] [--start-delay 2s] [--ready-delay 1s]</c>: the simulated kubelet alone, against any API
/// server (see <see cref="KubeletCluster"/> for which one when no --kubeconfig is given).
/// </summary>
public static class KubeletCommand
{
    public static async Task<int> RunAsync(string[] args)
    {
        string? kubeconfig = null, context = null;
        var options = new KubeletOptions();
        var namespaces = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
            switch (args[i])
            {
                case "--kubeconfig": kubeconfig = Next(); break;
                case "--context": context = Next(); break;
                case "--namespace": namespaces.Add(Next()); break;
                case "--selector": options = options with { PodLabelSelector = Next() }; break;
                case "--nodes": options = options with { NodeNames = [.. Enumerable.Range(0, int.Parse(Next(), System.Globalization.CultureInfo.InvariantCulture)).Select(n => $"sim-node-{n}")] }; break;
                case "--start-delay": options = options with { StartDelay = Duration(Next()) }; break;
                case "--ready-delay": options = options with { ReadyDelay = Duration(Next()) }; break;
                case "--no-volumes": options = options with { BindVolumes = false }; break;
                default:
                    Console.Error.WriteLine($"unknown argument '{args[i]}'. Usage: kubelet [--kubeconfig PATH] [--context NAME] [--namespace NS]... [--selector LABELS] [--nodes N] [--start-delay 2s] [--ready-delay 1s] [--no-volumes]");
                    return 2;
            }
        }
        if (namespaces.Count > 0) options = options with { Namespaces = namespaces };
        (KubernetesClientConfiguration Configuration, string Source)? cluster;
        try
        {
            cluster = KubeletCluster.Find(kubeconfig, context);
        }
        catch (KubeConfigException e)
        {
            Console.Error.WriteLine($"error: {e.Message}");
            return 1;
        }
        if (cluster is not { } found)
        {
            Console.Error.WriteLine("No cluster to run against: give --kubeconfig PATH, set KUBECONFIG, or create ~/.kube/config.");
            return 1;
        }
        var (configuration, source) = found;
        using var logging = ConsoleLogging();
        await using var kubelet = new SimulatedKubelet(configuration, options, TimeProvider.System, logging.CreateLogger("sim-kubelet"));
        await kubelet.StartAsync();
        Console.WriteLine($"Simulated kubelet running nodes {string.Join(", ", options.NodeNames)} against {configuration.Host} ({source}). Press Ctrl+C to stop.");
        await WaitForShutdownAsync();
        return 0;
    }

    /// <summary>One line per event, for a person watching the simulator work.</summary>
    public static ILoggerFactory ConsoleLogging() => LoggerFactory.Create(b => b
        .AddSimpleConsole(o => { o.SingleLine = true; o.TimestampFormat = "HH:mm:ss "; })
        .AddFilter("Actors", LogLevel.Information));

    static TimeSpan Duration(string text) =>
        GoDuration.TryParse(text, out var d) ? d : throw new ArgumentException($"'{text}' is not a duration like 2s or 1m30s.");

    /// <summary>Ctrl+C or SIGTERM.</summary>
    static async Task WaitForShutdownAsync()
    {
        var stopped = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Console.CancelKeyPress += (_, e) => { e.Cancel = true; stopped.TrySetResult(); };
        using var terminate = System.Runtime.InteropServices.PosixSignalRegistration.Create(
            System.Runtime.InteropServices.PosixSignal.SIGTERM, signal => { signal.Cancel = true; stopped.TrySetResult(); });
        await stopped.Task.ConfigureAwait(false);
    }
}
