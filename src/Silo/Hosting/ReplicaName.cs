namespace Actors.Silo.Hosting;

/// <summary>What this replica is called in logs, the banner and the operator cluster's membership.</summary>
public static class ReplicaName
{
    /// <summary>The pod name from the downward API (POD_NAME), else host and process id.</summary>
    public static string From(Func<string, string?> variable) =>
        variable("POD_NAME") is { Length: > 0 } pod ? pod : $"{Environment.MachineName}-{Environment.ProcessId}";
}
