using System.Diagnostics;
using System.Text.Json;

namespace Actors.Kubernetes;

/// <summary>
/// A kubeconfig exec credential plugin (aws eks get-token, gke-gcloud-auth-plugin, kubelogin…):
/// runs the command, reads the ExecCredential it prints, and keeps the token until its
/// expirationTimestamp (or until the server answers 401). Only bearer tokens are supported.
/// </summary>
public sealed class ExecTokenSource : IBearerTokenSource
{
    private readonly ExecCredentialCommand _command;
    private readonly TimeProvider _time;
    private readonly SemaphoreSlim _running = new(1, 1);
    private string? _token;
    private DateTimeOffset? _expires;

    public ExecTokenSource(ExecCredentialCommand command, TimeProvider? timeProvider = null)
    {
        _command = command;
        _time = timeProvider ?? TimeProvider.System;
    }

    public async ValueTask<string?> GetTokenAsync(CancellationToken cancellationToken)
    {
        await _running.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_token is not null && (_expires is null || _time.GetUtcNow() < _expires)) return _token;
            (_token, _expires) = await RunAsync(cancellationToken).ConfigureAwait(false);
            return _token;
        }
        finally
        {
            _running.Release();
        }
    }

    public void Invalidate() => _token = null;

    private async Task<(string Token, DateTimeOffset? Expires)> RunAsync(CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(_command.Command)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var arg in _command.Args) start.ArgumentList.Add(arg);
        foreach (var (name, value) in _command.Environment) start.Environment[name] = value;
        start.Environment["KUBERNETES_EXEC_INFO"] =
            $$$"""{"apiVersion":"{{{_command.ApiVersion}}}","kind":"ExecCredential","spec":{"interactive":false}}""";

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException("no process");
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            var hint = string.IsNullOrEmpty(_command.InstallHint) ? "" : $" {_command.InstallHint}";
            throw new KubeConfigException($"kubeconfig user '{_command.User}': cannot run exec plugin '{_command.Command}': {e.Message}.{hint}", e);
        }
        using (process)
        {
            process.StandardInput.Close();
            var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
            var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
            await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
            var output = await stdout.ConfigureAwait(false);
            var errors = await stderr.ConfigureAwait(false);
            if (process.ExitCode != 0)
                throw new KubeConfigException($"kubeconfig user '{_command.User}': exec plugin '{_command.Command}' exited with {process.ExitCode}: {errors.Trim()}");
            return Parse(output);
        }
    }

    private (string, DateTimeOffset?) Parse(string output)
    {
        try
        {
            using var document = JsonDocument.Parse(output);
            if (!document.RootElement.TryGetProperty("status", out var status))
                throw new KubeConfigException($"kubeconfig user '{_command.User}': exec plugin '{_command.Command}' printed an ExecCredential without status.");
            if (!status.TryGetProperty("token", out var token) || token.GetString() is not { Length: > 0 } text)
                throw new KubeConfigException($"kubeconfig user '{_command.User}': exec plugin '{_command.Command}' gave no token (client certificates from plugins are not supported).");
            DateTimeOffset? expires = status.TryGetProperty("expirationTimestamp", out var e) && e.ValueKind == JsonValueKind.String
                ? KubernetesTime.Parse(e.GetString())
                : null;
            return (text, expires);
        }
        catch (JsonException e)
        {
            throw new KubeConfigException($"kubeconfig user '{_command.User}': exec plugin '{_command.Command}' did not print an ExecCredential: {e.Message}", e);
        }
    }
}

/// <summary>The exec section of a kubeconfig user.</summary>
public sealed record ExecCredentialCommand(
    string User,
    string Command,
    IReadOnlyList<string> Args,
    IReadOnlyDictionary<string, string> Environment,
    string ApiVersion,
    string? InstallHint);
