using System.Text;

namespace Actors.Silo.Tests.Api;

/// <summary>Reads a text/event-stream one event (or comment) at a time, as a browser's EventSource would.</summary>
public sealed class ServerSentEventReader(Stream stream) : IDisposable
{
    private readonly StreamReader reader = new(stream, Encoding.UTF8);

    /// <summary>The next block up to a blank line: its field lines and comments, in order.</summary>
    public async Task<IReadOnlyList<string>?> NextAsync()
    {
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var lines = new List<string>();
        while (true)
        {
            var line = await reader.ReadLineAsync(limit.Token);
            if (line is null)
            {
                return lines.Count > 0 ? lines : null;
            }

            if (line.Length == 0)
            {
                if (lines.Count > 0)
                {
                    return lines;
                }

                continue;
            }

            lines.Add(line);
        }
    }

    public void Dispose() => reader.Dispose();
}
