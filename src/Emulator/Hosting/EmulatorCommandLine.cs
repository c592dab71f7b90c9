namespace Actors.Emulator;

/// <summary>
/// The standalone emulator's flags: <c>--port N</c>, <c>--kubeconfig PATH</c>, <c>--token T</c>,
/// <c>--no-kubelet</c>. Anything else is refused with a message naming it, before anything starts.
/// </summary>
public sealed record EmulatorCommandLine(EmulatorOptions Options, bool RunKubelet)
{
    public const string Usage =
        "usage: Actors.Emulator [--port N] [--kubeconfig PATH] [--token TOKEN] [--no-kubelet]\n" +
        "       Actors.Emulator kubelet --kubeconfig PATH   (the simulated kubelet alone, against any cluster)";

    /// <exception cref="ArgumentException">A flag is unknown, lacks its value, or the value is invalid.</exception>
    public static EmulatorCommandLine Parse(IReadOnlyList<string> args)
    {
        var options = new EmulatorOptions();
        var runKubelet = true;
        for (var i = 0; i < args.Count; i++)
        {
            switch (args[i])
            {
                case "--no-kubelet":
                    runKubelet = false;
                    break;
                case "--port":
                    var port = Value(args, ref i);
                    if (!int.TryParse(port, out var number) || number is < 0 or > 65535)
                        throw new ArgumentException($"--port must be a TCP port from 0 to 65535 (0 picks a free one), got '{port}'.");
                    options.Port = number;
                    break;
                case "--kubeconfig":
                    options.KubeconfigPath = Value(args, ref i);
                    break;
                case "--token":
                    options.AdminToken = Value(args, ref i);
                    break;
                default:
                    throw new ArgumentException($"unknown argument '{args[i]}'.");
            }
        }
        return new EmulatorCommandLine(options, runKubelet);
    }

    private static string Value(IReadOnlyList<string> args, ref int i)
    {
        var flag = args[i];
        if (i + 1 >= args.Count || args[i + 1].StartsWith("--", StringComparison.Ordinal))
            throw new ArgumentException($"{flag} needs a value.");
        return args[++i];
    }
}
