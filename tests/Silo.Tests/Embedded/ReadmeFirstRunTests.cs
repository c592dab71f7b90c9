using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Actors.Silo.Tests.Embedded;

/// <summary>
/// The README's run command typed literally from the repository root — <c>dotnet run --project
/// src/Silo</c>, not the built dll — and then every command line of the start-up banner pasted
/// as printed into a shell in that same directory, as a newcomer does.
/// </summary>
public sealed partial class ReadmeFirstRunTests : IDisposable
{
    // `dotnet run` builds the silo first (Debug), which takes a while on a busy 2-core machine.
    private static readonly TimeSpan BannerLimit = TimeSpan.FromMinutes(6);
    private static readonly TimeSpan CommandLimit = TimeSpan.FromSeconds(60);
    private readonly ConcurrentQueue<string> output = new();
    private Process? silo;

    public void Dispose()
    {
        if (silo is { HasExited: false }) silo.Kill(entireProcessTree: true);
        silo?.Dispose();
    }

    [Fact]
    public async Task Banner_commands_work_as_printed_from_where_the_readme_command_was_run()
    {
        Assert.Contains("dotnet run --project src/Silo", await File.ReadAllTextAsync(Repository.PathOf("README.md")));
        silo = StartReadmeCommand();
        var banner = await BannerAsync();

        var kubectl = Command(banner, "kubectl --kubeconfig ");
        var (code, listed) = await ShellAsync(kubectl);
        Assert.True(code == 0, $"`{kubectl}` failed in {Repository.Root}:\n{listed}");
        Assert.Contains("kafkacluster.kafka.actors.dev/demo", listed);

        // The sample's Kafka answers at once, before its pods run: its topics are listed.
        var kcat = Command(banner, "kcat -L -b ");
        InstalledTool.Kcat.Binary();
        (code, var metadata) = await ShellAsync(kcat);
        Assert.True(code == 0, $"`{kcat}` failed in {Repository.Root}:\n{metadata}");
        Assert.Contains("topic \"orders\" with 6 partitions", metadata);

        var curl = Command(banner, "curl ");
        (code, var clusters) = await ShellAsync(curl + " --fail-with-body --silent --show-error");
        Assert.True(code == 0, $"`{curl}` failed in {Repository.Root}:\n{clusters}");
        Assert.Contains("\"name\":\"demo\"", clusters);

        // The dashboard link carries the read token that this very run wrote to .actors/read-token.
        var dashboard = Regex.Match(banner, @"Dashboard:\s+(\S+)").Groups[1].Value;
        var readToken = (await File.ReadAllTextAsync(Path.Combine(Repository.Root, ".actors", "read-token"))).Trim();
        Assert.EndsWith($"#token={readToken}", dashboard);
        (code, var page) = await ShellAsync($"curl --fail --silent --show-error '{dashboard}'");
        Assert.True(code == 0, page);
        Assert.Contains("<html", page, StringComparison.OrdinalIgnoreCase);

        var roll = Command(banner, "kubectl --kubeconfig .actors/kubeconfig -n kafka annotate ");
        (code, var annotated) = await ShellAsync(roll);
        Assert.True(code == 0, $"`{roll}` failed in {Repository.Root}:\n{annotated}");
        Assert.Contains("kafkacluster.kafka.actors.dev/demo annotated", annotated);

        foreach (var url in Regex.Match(banner, @"Metrics, health:\s+(.+)").Groups[1].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            (code, var answer) = await ShellAsync($"curl --fail --silent --show-error {url}");
            Assert.True(code == 0, $"GET {url} as printed failed:\n{answer}");
        }
    }

    private Process StartReadmeCommand() => NewcomerProcess.Start("dotnet", ["run", "--project", "src/Silo"], Repository.Root, output);

    private async Task<string> BannerAsync()
    {
        var deadline = DateTime.UtcNow + BannerLimit;
        while (!output.Contains("Press Ctrl+C to stop."))
        {
            if (silo!.HasExited) Assert.Fail($"`dotnet run --project src/Silo` exited with {silo.ExitCode} before its banner:\n{string.Join("\n", output)}");
            if (DateTime.UtcNow > deadline) Assert.Fail($"No banner from `dotnet run --project src/Silo` within {BannerLimit}:\n{string.Join("\n", output)}");
            await Task.Delay(200);
        }

        return string.Join("\n", output);
    }

    /// <summary>The banner line that holds a command, as a user would copy it: from the command's first word to the end.</summary>
    private static string Command(string banner, string start)
    {
        var line = banner.Split('\n').FirstOrDefault(l => l.Contains(start, StringComparison.Ordinal));
        Assert.True(line is not null, $"The banner prints no `{start}…` line:\n{banner}");
        return line[line.IndexOf(start, StringComparison.Ordinal)..].Trim();
    }

    private static async Task<(int Code, string Output)> ShellAsync(string command)
    {
        var info = new ProcessStartInfo("bash") { WorkingDirectory = Repository.Root, RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add(command);
        info.Environment.Remove("KUBECONFIG");
        using var process = Process.Start(info)!;
        using var limit = new CancellationTokenSource(CommandLimit);
        var stdout = process.StandardOutput.ReadToEndAsync(limit.Token);
        var stderr = process.StandardError.ReadToEndAsync(limit.Token);
        await process.WaitForExitAsync(limit.Token);
        return (process.ExitCode, await stdout + await stderr);
    }
}
