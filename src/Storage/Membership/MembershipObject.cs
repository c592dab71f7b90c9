using Actors.Kubernetes;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace Actors.Storage.Membership;

/// <summary>
/// The ConfigMap holding one Orleans cluster's membership, and the only requests made on it: read,
/// create, replace on the resourceVersion read (the server's 409 is the lost race), delete.
/// A refusal that is not a lost race becomes a <see cref="MembershipObjectException"/> naming the
/// object and what to grant or fix.
/// </summary>
public sealed class MembershipObject(IKubernetes client, string @namespace, string clusterId, string name, string fieldManager)
{
    public const string ComponentLabel = "app.kubernetes.io/component";
    public const string Component = "orleans-membership";

    public string Namespace => @namespace;
    public string Name => name;

    /// <summary>
    /// The table as stored with the ConfigMap it came from (whose resourceVersion a replace presents).
    /// A ConfigMap that does not hold a table this build can read stores <see cref="MembershipDocument.Absent"/>,
    /// with why in <paramref name="Unreadable"/>: a write replaces it like an absent table.
    /// </summary>
    public sealed record Stored(MembershipDocument Document, V1ConfigMap ConfigMap, string? Unreadable = null);

    /// <summary>
    /// The stored table; null when there is no ConfigMap. A table of a later format (a newer build's)
    /// is refused with a <see cref="MembershipObjectException"/>: neither misread nor written over.
    /// </summary>
    public async Task<Stored?> ReadAsync(CancellationToken cancellationToken)
    {
        V1ConfigMap map;
        try
        {
            map = await client.CoreV1.ReadNamespacedConfigMapAsync(name, @namespace, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (HttpOperationException e) when (e.IsNotFound())
        {
            return null;
        }
        catch (HttpOperationException e)
        {
            throw Refused("read", e);
        }
        // A ConfigMap without the table (made by hand, say) is an absent table the next insert writes into.
        if (map.Data?.TryGetValue(MembershipDocumentJson.Key, out var text) != true) return new Stored(MembershipDocument.Absent(clusterId), map);
        var (document, problem) = MembershipDocumentJson.Read(text!);
        if (document is not null) return new Stored(document, map);
        if (MembershipDocumentJson.IsLaterFormat(text!))
            throw new MembershipObjectException(
                $"ConfigMap {@namespace}/{name} holds the membership table of cluster '{clusterId}' in a format this build cannot read: {problem}. "
                + "A newer operator build wrote it; run that build (or delete the ConfigMap to let this build's silos write a new one).");
        return new Stored(MembershipDocument.Absent(clusterId), map, $"{problem}; it reads: {Excerpt(text!)}");
    }

    /// <summary>The start of what was found, on one line, for the log.</summary>
    private static string Excerpt(string text)
    {
        var line = string.Join(' ', text.Split((char[])['\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        return line.Length <= 200 ? line : line[..200] + "…";
    }

    /// <summary>Creates the ConfigMap with <paramref name="document"/>; false when one already exists.</summary>
    public async Task<bool> CreateAsync(MembershipDocument document, CancellationToken cancellationToken)
    {
        var map = new V1ConfigMap
        {
            ApiVersion = "v1",
            Kind = "ConfigMap",
            Metadata = new V1ObjectMeta
            {
                Name = name,
                NamespaceProperty = @namespace,
                Labels = new Dictionary<string, string> { [ComponentLabel] = Component },
            },
            Data = new Dictionary<string, string> { [MembershipDocumentJson.Key] = MembershipDocumentJson.Write(document) },
        };
        try
        {
            await client.CoreV1.CreateNamespacedConfigMapAsync(map, @namespace, fieldManager: fieldManager, cancellationToken: cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (HttpOperationException e) when (e.IsAlreadyExists())
        {
            return false;
        }
        catch (HttpOperationException e)
        {
            throw Refused("create", e);
        }
    }

    /// <summary>
    /// Writes <paramref name="document"/> over <paramref name="read"/>, on its resourceVersion: false
    /// when anyone wrote (or deleted) the ConfigMap since. Other keys, labels and owners stay.
    /// </summary>
    public async Task<bool> ReplaceAsync(Stored read, MembershipDocument document, CancellationToken cancellationToken)
    {
        var map = read.ConfigMap;
        map.Data = new Dictionary<string, string>(map.Data ?? new Dictionary<string, string>())
        {
            [MembershipDocumentJson.Key] = MembershipDocumentJson.Write(document),
        };
        try
        {
            await client.CoreV1.ReplaceNamespacedConfigMapAsync(map, name, @namespace, fieldManager: fieldManager, cancellationToken: cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (HttpOperationException e) when (e.IsConflict() || e.IsNotFound())
        {
            return false;
        }
        catch (HttpOperationException e)
        {
            throw Refused("update", e);
        }
    }

    public async Task DeleteAsync(CancellationToken cancellationToken)
    {
        try
        {
            await client.CoreV1.DeleteNamespacedConfigMapAsync(name, @namespace, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (HttpOperationException e) when (e.IsNotFound())
        {
        }
        catch (HttpOperationException e)
        {
            throw Refused("delete", e);
        }
    }

    private MembershipObjectException Refused(string verb, HttpOperationException e)
    {
        var next = e.IsForbidden() || e.IsUnauthorized()
            ? $"Grant the silo's service account get, create, update and delete on configmaps in namespace {@namespace}."
            : e.IsNotFound() ? $"Check that namespace {@namespace} exists." : "Orleans retries the operation.";
        return new MembershipObjectException(
            $"The Kubernetes API refused to {verb} ConfigMap {@namespace}/{name}, the Orleans membership table of cluster '{clusterId}': {e.ApiMessage()}. {next}", e);
    }
}
