namespace Actors.Operator.Bench;

/// <summary>The machine's load average (1, 5, 15 min), printed beside every figure: the build machine is shared.</summary>
public static class MachineLoad
{
    public static string Now()
    {
        try
        {
            return string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
        }
        catch (IOException)
        {
            return "n/a";
        }
    }
}
