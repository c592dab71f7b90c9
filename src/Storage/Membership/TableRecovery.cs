namespace Actors.Storage.Membership;

/// <summary>
/// What a silo does with the table it just read, given the last table it knew (<see cref="TableCopy"/>):
/// use it, or write the table back first because it was lost. A running silo always knows the
/// table, so the table survives as long as one silo does:
/// <list type="bullet">
/// <item>deleted (no ConfigMap, or no table key in it), or edited into something unreadable → the
///   silo's copy is written back;</item>
/// <item>set back to an older version of itself (an old YAML applied) → the copy's rows are written
///   back over it, with any rows only the stored table has;</item>
/// <item>made anew (another <see cref="MembershipDocument.TableId"/>: a starting silo found it gone and
///   wrote a new one) → the copy's rows are merged into it and it keeps its id, so every silo that
///   knew the lost table adds its rows once and they all end on the new table.</item>
/// </list>
/// A row both hold is the copy's (this silo's latest knowledge), unless the stored one is Dead: death
/// is final. A written-back table takes a version above both and a new version etag: Orleans only
/// accepts a newer view, and every write decided on the lost table is refused and decided again.
/// A silo that never read the table (starting) has nothing to restore: an unreadable table is to it an
/// absent one, which its insert writes over.
/// </summary>
public static class TableRecovery
{
    /// <summary>The table to write back, and what was found (for the log).</summary>
    public sealed record Restore(MembershipDocument Table, string Found);

    /// <param name="stored">The stored table; <see cref="MembershipDocument.Absent"/> when deleted or unreadable.</param>
    /// <param name="unreadable">Why the stored object is not a table, when it is not.</param>
    /// <param name="known">The last table this silo read or wrote; null if it never did.</param>
    /// <returns>Null when the stored table is to be used as it is.</returns>
    public static Restore? Decide(MembershipDocument stored, string? unreadable, MembershipDocument? known, string newVersionEtag)
    {
        if (known is null || known.Silos.Count == 0) return null;
        if (stored.IsAbsent)
            return new Restore(known with { Version = known.Version + 1, VersionEtag = newVersionEtag },
                unreadable is null ? "was deleted (or lost its table key)" : $"held something that is not a membership table ({unreadable})");
        var madeAnew = stored.TableId != known.TableId;
        if (!madeAnew && stored.Version >= known.Version) return null;
        return new Restore(stored with
        {
            Version = Math.Max(known.Version, stored.Version) + 1,
            VersionEtag = newVersionEtag,
            Silos = Merge(known, stored),
        }, madeAnew
            ? $"was made anew (table id {stored.TableId ?? "none"}, version {stored.Version}; this silo knew table id {known.TableId ?? "none"} at version {known.Version})"
            : $"went back from version {known.Version} to {stored.Version}");
    }

    private static List<SiloRow> Merge(MembershipDocument known, MembershipDocument stored)
    {
        var rows = known.Silos.Select(row => stored.Find(row.Address) is { Status: "Dead" } dead ? dead : row).ToList();
        rows.AddRange(stored.Silos.Where(row => known.Find(row.Address) is null));
        return rows;
    }
}
