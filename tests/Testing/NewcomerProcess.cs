using System.Collections.Concurrent;
using System.Diagnostics;

namespace Actors.Testing;

/// <summary>
/// A program started as a newcomer starts it: from a shell that names no cluster (no
/// <c>KUBECONFIG</c>, not in a pod), its standard output and error collected line by line
/// (error lines prefixed <c>stderr: </c>) so a test can wait for a line and show all on failure.
/// </summary>
public static class NewcomerProcess
{
    public static Process Start(string file, IEnumerable<string> args, string workDir, ConcurrentQueue<string> output)
    {
        var info = new ProcessStartInfo(file) { WorkingDirectory = workDir, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args) info.ArgumentList.Add(arg);
        info.Environment.Remove("KUBECONFIG");
        info.Environment.Remove("KUBERNETES_SERVICE_HOST");
        var process = Process.Start(info)!;
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) output.Enqueue(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) output.Enqueue("stderr: " + e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }
}
