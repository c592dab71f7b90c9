namespace Actors.Operator.Bench;

/// <summary>
/// Lets a run longer than one turn of the shared machine's build lock go in waves: with
/// BENCH_WAVE_GATE=DIR, wave w starts only once DIR/go-w exists, and DIR/done-w is written when it
/// has converged; a shell loop holds the lock for each wave (see bench/README.md). Without it the
/// waves follow one another at once.
/// </summary>
public static class WaveGate
{
    private static string? Directory => Environment.GetEnvironmentVariable("BENCH_WAVE_GATE");

    public static async Task OpenedAsync(int wave)
    {
        if (Directory is not { } dir) return;
        while (!File.Exists(Path.Combine(dir, $"go-{wave}"))) await Task.Delay(TimeSpan.FromSeconds(1));
    }

    public static void Done(int wave)
    {
        if (Directory is { } dir) File.WriteAllText(Path.Combine(dir, $"done-{wave}"), DateTime.UtcNow.ToString("O"));
    }
}
