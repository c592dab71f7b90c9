using Actors.Emulator;

// Standalone emulator: `dotnet run --project src/Emulator [-- --port 6443 --kubeconfig PATH]`.
var options = new EmulatorOptions();
for (var i = 0; i < args.Length - 1; i++)
{
    if (args[i] == "--port") options.Port = int.Parse(args[i + 1]);
    if (args[i] == "--kubeconfig") options.KubeconfigPath = args[i + 1];
    if (args[i] == "--token") options.AdminToken = args[i + 1];
}
await using var emulator = await KubernetesEmulator.StartAsync(options);
Console.WriteLine($"Kubernetes API emulator serving at {emulator.Url}");
Console.WriteLine($"kubeconfig: {emulator.KubeconfigPath}");
Console.WriteLine($"try: kubectl --kubeconfig {emulator.KubeconfigPath} get namespaces");
Console.WriteLine("Press Ctrl+C to stop.");
var stopped = new TaskCompletionSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; stopped.TrySetResult(); };
using var terminate = System.Runtime.InteropServices.PosixSignalRegistration.Create(
    System.Runtime.InteropServices.PosixSignal.SIGTERM, signal => { signal.Cancel = true; stopped.TrySetResult(); });
await stopped.Task;
