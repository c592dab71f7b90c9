using Actors.Emulator;
using Actors.Emulator.Kubelet;

// Standalone emulator: `dotnet run --project src/Emulator [-- --port 6443 --kubeconfig PATH --no-kubelet]`.
// The simulated kubelet alone against any cluster: `dotnet run --project src/Emulator -- kubelet --kubeconfig PATH`.
if (args is ["kubelet", ..]) return await KubeletCommand.RunAsync(args[1..]);
EmulatorCommandLine commandLine;
try
{
    commandLine = EmulatorCommandLine.Parse(args);
}
catch (ArgumentException e)
{
    Console.Error.WriteLine($"error: {e.Message}");
    Console.Error.WriteLine(EmulatorCommandLine.Usage);
    return 2;
}
await using var emulator = await KubernetesEmulator.StartAsync(commandLine.Options);
using var logging = KubeletCommand.ConsoleLogging();
await using var kubelet = commandLine.RunKubelet ? await emulator.StartKubeletAsync(logger: logging.CreateLogger("sim-kubelet")) : null;
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
