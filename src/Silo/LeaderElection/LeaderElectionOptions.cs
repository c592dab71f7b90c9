namespace Actors.Silo.LeaderElection;

/// <summary>
/// Timing of the Lease election, with client-go's defaults. The leader gives up after
/// <see cref="RenewDeadline"/> without a successful renewal, which is shorter than
/// <see cref="LeaseDuration"/>, the time a standby waits after the last change it saw before
/// it takes the lease: so the old leader has stopped before a new one starts.
/// </summary>
public sealed record LeaderElectionOptions
{
    public const string DefaultLeaseName = "actors-operator";

    public string LeaseName { get; init; } = DefaultLeaseName;
    public required string LeaseNamespace { get; init; }
    public required string Identity { get; init; }
    public TimeSpan LeaseDuration { get; init; } = TimeSpan.FromSeconds(15);
    public TimeSpan RenewDeadline { get; init; } = TimeSpan.FromSeconds(10);
    public TimeSpan RetryPeriod { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>The pod name from the downward API (POD_NAME), else host and process id.</summary>
    public static string DefaultIdentity(Func<string, string?> variable) =>
        variable("POD_NAME") is { Length: > 0 } pod ? pod : $"{Environment.MachineName}-{Environment.ProcessId}";

    /// <summary>Throws when the timings cannot keep the old and the new leader apart.</summary>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(Identity)) throw new ArgumentException("Leader election needs an identity.");
        if (LeaseDuration <= RenewDeadline)
            throw new ArgumentException($"The lease duration ({LeaseDuration.TotalSeconds}s) must be longer than the renew deadline ({RenewDeadline.TotalSeconds}s).");
        if (RenewDeadline <= RetryPeriod)
            throw new ArgumentException($"The renew deadline ({RenewDeadline.TotalSeconds}s) must be longer than the retry period ({RetryPeriod.TotalSeconds}s).");
        if (LeaseDuration.TotalSeconds != Math.Floor(LeaseDuration.TotalSeconds))
            throw new ArgumentException("The lease duration is written in whole seconds.");
    }
}
