using k8s;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans;
using Orleans.Configuration;
using Orleans.Runtime;

namespace Actors.Storage.Membership;

/// <summary>
/// Orleans' membership table in the Kubernetes API: the whole table of the cluster is one
/// ConfigMap (<see cref="MembershipObject"/>), so every insert or update Orleans makes (a row and the
/// table version together) is a single write conditional on the resourceVersion it was decided on.
/// Kubernetes has no transaction over two objects; one object is what makes the contract's
/// atomicity hold. The decisions are <see cref="MembershipRules"/>; this class reads, writes, and
/// when another silo's write got in first (often a heartbeat) decides again on the fresh table, so a
/// stale writer is refused by the table's etags, never by an unrelated heartbeat.
/// </summary>
public sealed partial class KubernetesMembershipTable : IMembershipTable
{
    private readonly IKubernetes client;
    private readonly KubernetesClusteringOptions options;
    private readonly string clusterId;
    private readonly MembershipObject table;
    private readonly TableCopy known = new();
    private readonly ILogger logger;

    public KubernetesMembershipTable(IKubernetes client, IOptions<KubernetesClusteringOptions> options, IOptions<ClusterOptions> cluster,
        ILogger<KubernetesMembershipTable> logger)
    {
        this.client = client;
        this.options = options.Value;
        this.logger = logger;
        clusterId = cluster.Value.ClusterId;
        if (string.IsNullOrWhiteSpace(this.options.Namespace))
            throw new ArgumentException("KubernetesClusteringOptions.Namespace is empty: say in which namespace the Orleans membership ConfigMap lives (the operator's own).", nameof(options));
        table = ObjectOf(clusterId);
    }

    // Orleans 10.4 calls the cancellable ...Async members; the tokenless ones, obsolete there but still
    // declared by the interface, forward to them.
    public Task InitializeMembershipTable(bool tryInitTableVersion) => InitializeMembershipTableAsync(tryInitTableVersion, CancellationToken.None);

    public async Task InitializeMembershipTableAsync(bool tryInitTableVersion, CancellationToken cancellationToken = default)
    {
        // Read first: a refusal (RBAC, namespace) surfaces at start-up with the object's name.
        if (await LoadAsync(cancellationToken).ConfigureAwait(false) is not null || !tryInitTableVersion) return;
        // A ConfigMap made without the table (by hand, say) is taken over by the first insert instead.
        if (await table.CreateAsync(MembershipDocument.Empty(clusterId, NewEtag(), NewEtag()), cancellationToken).ConfigureAwait(false))
            LogCreated(table.Namespace, table.Name, clusterId);
    }

    public Task DeleteMembershipTableEntries(string clusterId) => DeleteMembershipTableEntriesAsync(clusterId, CancellationToken.None);

    public Task DeleteMembershipTableEntriesAsync(string clusterId, CancellationToken cancellationToken = default) =>
        ObjectOf(clusterId).DeleteAsync(cancellationToken);

    public Task CleanupDefunctSiloEntries(DateTimeOffset beforeDate) => CleanupDefunctSiloEntriesAsync(beforeDate, CancellationToken.None);

    public async Task CleanupDefunctSiloEntriesAsync(DateTimeOffset beforeDate, CancellationToken cancellationToken = default)
    {
        var (written, refusal) = await ChangeAsync(current => MembershipRules.RemoveDefunct(current, beforeDate), cancellationToken).ConfigureAwait(false);
        if (!written && refusal is not null) throw new MembershipObjectException($"Removing dead silos from ConfigMap {table.Namespace}/{table.Name} failed: {refusal}.");
    }

    public Task<MembershipTableData> ReadRow(SiloAddress key) => ReadRowAsync(key, CancellationToken.None);

    public async Task<MembershipTableData> ReadRowAsync(SiloAddress key, CancellationToken cancellationToken = default) =>
        MembershipRules.ReadRow(await CurrentAsync(cancellationToken).ConfigureAwait(false), key);

    public Task<MembershipTableData> ReadAll() => ReadAllAsync(CancellationToken.None);

    public async Task<MembershipTableData> ReadAllAsync(CancellationToken cancellationToken = default) =>
        MembershipRules.Read(await CurrentAsync(cancellationToken).ConfigureAwait(false));

    public Task<bool> InsertRow(MembershipEntry entry, TableVersion tableVersion) => InsertRowAsync(entry, tableVersion, CancellationToken.None);

    public async Task<bool> InsertRowAsync(MembershipEntry entry, TableVersion tableVersion, CancellationToken cancellationToken = default)
    {
        var (written, refusal) = await ChangeAsync(
            current => MembershipRules.Insert(current, entry, tableVersion, NewEtag(), NewEtag()), cancellationToken).ConfigureAwait(false);
        if (!written) LogRefused("insert", entry.SiloAddress, table.Namespace, table.Name, refusal);
        return written;
    }

    public Task<bool> UpdateRow(MembershipEntry entry, string etag, TableVersion tableVersion) => UpdateRowAsync(entry, etag, tableVersion, CancellationToken.None);

    public async Task<bool> UpdateRowAsync(MembershipEntry entry, string etag, TableVersion tableVersion, CancellationToken cancellationToken = default)
    {
        var (written, refusal) = await ChangeAsync(
            current => MembershipRules.Update(current, entry, etag, tableVersion, NewEtag(), NewEtag()), cancellationToken).ConfigureAwait(false);
        if (!written) LogRefused("update", entry.SiloAddress, table.Namespace, table.Name, refusal);
        return written;
    }

    public Task UpdateIAmAlive(MembershipEntry entry) => UpdateIAmAliveAsync(entry, CancellationToken.None);

    public async Task UpdateIAmAliveAsync(MembershipEntry entry, CancellationToken cancellationToken = default)
    {
        var (written, refusal) = await ChangeAsync(
            current => MembershipRules.Heartbeat(current, entry.SiloAddress, entry.IAmAliveTime), cancellationToken).ConfigureAwait(false);
        if (!written)
            throw new MembershipObjectException($"The heartbeat of silo {entry.SiloAddress} was not recorded in ConfigMap {table.Namespace}/{table.Name}: {refusal}.");
    }

    /// <summary>The table as stored now; an empty table at version 0 when the ConfigMap is absent.</summary>
    private async Task<MembershipDocument> CurrentAsync(CancellationToken cancellationToken) =>
        (await LoadAsync(cancellationToken).ConfigureAwait(false))?.Document ?? MembershipDocument.Absent(clusterId);

    /// <summary>
    /// Read, decide, write on the resourceVersion read; on a lost race, again from a fresh read.
    /// Written is false with the refusal when the rules refuse, or when the races never end.
    /// </summary>
    private async Task<(bool Written, string? Refusal)> ChangeAsync(Func<MembershipDocument, MembershipChange> decide, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt <= options.ConflictRetries; attempt++)
        {
            var stored = await LoadAsync(cancellationToken).ConfigureAwait(false);
            var current = stored?.Document ?? MembershipDocument.Absent(clusterId);
            var change = decide(current);
            if (change.IsRefused) return (false, change.Refusal);
            if (change.Next is not { } next) return (false, null);
            // Writing where no table is makes a new one, with an id of its own.
            if (current.IsAbsent) next = next with { TableId = NewEtag() };
            if (await WriteAsync(stored, next, cancellationToken).ConfigureAwait(false))
            {
                known.Offer(next);
                return (true, null);
            }
            LogLostRace(table.Namespace, table.Name, attempt + 1);
        }
        return (false, $"another writer changed the ConfigMap before each of {options.ConflictRetries + 1} attempts");
    }

    /// <summary>
    /// The stored table, written back first from this silo's copy if it was lost (<see cref="TableRecovery"/>):
    /// deleted, edited into nonsense, or gone back to an older version. Null when there is no ConfigMap
    /// and this silo has nothing to restore.
    /// </summary>
    private async Task<MembershipObject.Stored?> LoadAsync(CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            var stored = await table.ReadAsync(cancellationToken).ConfigureAwait(false);
            var document = stored?.Document ?? MembershipDocument.Absent(clusterId);
            var restore = TableRecovery.Decide(document, stored?.Unreadable, known.Newest, NewEtag());
            if (restore is null)
            {
                if (stored?.Unreadable is { } problem) LogUnreadableNothingToRestore(table.Namespace, table.Name, problem);
                known.Offer(document);
                return stored;
            }
            // Another silo restoring at the same time wins the race; the next read then finds its table.
            if (await WriteAsync(stored, restore.Table, cancellationToken).ConfigureAwait(false))
            {
                known.Offer(restore.Table);
                LogRestored(table.Namespace, table.Name, restore.Found, restore.Table.Version, restore.Table.Silos.Count,
                    string.Join(", ", restore.Table.Silos.Select(row => $"{row.Address} {row.Status}")));
            }
            else if (attempt >= options.ConflictRetries)
            {
                throw new MembershipObjectException(
                    $"ConfigMap {table.Namespace}/{table.Name} {restore.Found}, and writing the table back lost to another writer {attempt + 1} times; Orleans retries the operation.");
            }
        }
    }

    private Task<bool> WriteAsync(MembershipObject.Stored? over, MembershipDocument next, CancellationToken cancellationToken) =>
        over is null ? table.CreateAsync(next, cancellationToken) : table.ReplaceAsync(over, next, cancellationToken);

    private MembershipObject ObjectOf(string id) =>
        new(client, options.Namespace, id, MembershipObjectName.For(options.ObjectNamePrefix, id), options.FieldManager);

    /// <summary>Etags only need to differ from every earlier one of this table; 64 random bits do.</summary>
    private static string NewEtag() => Convert.ToHexStringLower(Guid.NewGuid().ToByteArray().AsSpan(0, 8));

    [LoggerMessage(Level = LogLevel.Warning, Message = "The Orleans membership table ConfigMap {Namespace}/{Name} {Found}; this silo wrote its copy back: version {Version}, {Count} silo(s): {Silos}")]
    private partial void LogRestored(string @namespace, string name, string found, int version, int count, string silos);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The Orleans membership ConfigMap {Namespace}/{Name} holds no table this build can read: {Problem}. This silo has not read the table before, so it has no copy to restore; it treats the table as absent, its insert writes a new one over it, and running silos write their rows back into that")]
    private partial void LogUnreadableNothingToRestore(string @namespace, string name, string problem);

    [LoggerMessage(Level = LogLevel.Information, Message = "Created the Orleans membership table ConfigMap {Namespace}/{Name} for cluster '{ClusterId}'")]
    private partial void LogCreated(string @namespace, string name, string clusterId);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Membership {Operation} of silo {Silo} refused in ConfigMap {Namespace}/{Name}: {Reason}")]
    private partial void LogRefused(string operation, SiloAddress silo, string @namespace, string name, string? reason);

    [LoggerMessage(Level = LogLevel.Debug, Message = "ConfigMap {Namespace}/{Name} changed under membership write attempt {Attempt}; deciding again on a fresh read")]
    private partial void LogLostRace(string @namespace, string name, int attempt);
}
