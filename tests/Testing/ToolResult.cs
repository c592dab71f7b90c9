namespace Actors.Testing;

/// <summary>What a command-line tool answered: its exit code and what it printed.</summary>
public sealed record ToolResult(int ExitCode, string Out, string Err)
{
    public override string ToString() => $"exit {ExitCode}\nstdout:\n{Out}\nstderr:\n{Err}";
}
