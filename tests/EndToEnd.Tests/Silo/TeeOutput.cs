namespace Actors.EndToEnd.Tests.Silo;

// TEMPORARY debugging aid: also append every line to /tmp/e2e-trace.log.
public sealed class TeeOutput(ITestOutputHelper inner) : ITestOutputHelper
{
    public void WriteLine(string message)
    {
        lock (typeof(TeeOutput)) File.AppendAllText("/tmp/e2e-trace.log", message + "\n");
        inner.WriteLine(message);
    }

    public void WriteLine(string format, params object[] args) => WriteLine(string.Format(format, args));
}
