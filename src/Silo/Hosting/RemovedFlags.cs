using System.CommandLine;

namespace Actors.Silo.Hosting;

/// <summary>
/// Flags the operator no longer has, still recognised (hidden from --help) so that someone
/// starting it with an old Deployment is told what replaced them rather than "unrecognized".
/// </summary>
public static class RemovedFlags
{
    public const string LeaderElect =
        "--leader-elect was removed: no replica needs to be the single writer any more, since every write that decides a node's fate " +
        "carries its own precondition (resourceVersion or UID). To run several replicas, make them one operator cluster with " +
        "--operator-cluster=<name>; a single replica needs neither flag.";

    public const string LeaseNamespace =
        "--lease-namespace was removed with leader election: there is no Lease any more. " +
        "The operator cluster's membership ConfigMap goes in --membership-namespace.";

    /// <summary>One hidden option per removed flag, each refused with its message, whatever value it is given.</summary>
    public static IEnumerable<Option> Options() =>
    [
        Refused("--leader-elect", LeaderElect),
        Refused("--lease-namespace", LeaseNamespace),
    ];

    private static Option<string?> Refused(string name, string message)
    {
        var option = new Option<string?>(name) { Hidden = true, Arity = ArgumentArity.ZeroOrOne };
        option.Validators.Add(result => result.AddError(message));
        return option;
    }
}
