using Actors.Emulator;
using Actors.Emulator.Kubelet;

// Standalone emulator: `dotnet run --project src/Emulator [-- --port 6443 --kubeconfig PATH --no-kubelet]`.
// The simulated kubelet alone against any cluster: `dotnet run --project src/Emulator -- kubelet --kubeconfig PATH`.
if (args is ["kubelet", ..]) return await KubeletCommand.RunAsync(args[1..]);
var options = new EmulatorOptions();
for (var i = 0; i < args.Length - 1; i++)
{
    if (args[i] == "--port") options.Port = int.Parse(args[i + 1]);
    if (args[i] == "--kubeconfig") options.KubeconfigPath = args[i + 1];
    if (args[i] == "--token") options.AdminToken = args[i + 1];
}
await using var emulator = await KubernetesEmulator.StartAsync(options);
using var logging = KubeletCommand.ConsoleLogging();
await using var kubelet = args.Contains("--no-kubelet") ? null : await emulator.StartKubeletAsync(logger: logging.CreateLogger("sim-kubelet"));
Console.WriteLine($"Kubernetes API emulator serving at {emulator.Url}");
if (kubelet is not null) Console.WriteLine($"simulated kubelet: nodes {string.Join(", ", kubelet.Options.NodeNames)} (--no-kubelet to run without)");
Console.WriteLine($"kubeconfig: {emulator.KubeconfigPath}");
Console.WriteLine($"try: kubectl --kubeconfig {emulator.KubeconfigPath} get namespaces");
Console.WriteLine("Press Ctrl+C to stop.");
var stopped = new TaskCompletionSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; stopped.TrySetResult(); };
using var terminate = System.Runtime.InteropServices.PosixSignalRegistration.Create(
    System.Runtime.InteropServices.PosixSignal.SIGTERM, signal => { signal.Cancel = true; stopped.TrySetResult(); });
await stopped.Task;
return 0;
