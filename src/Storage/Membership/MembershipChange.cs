namespace Actors.Storage.Membership;

/// <summary>
/// What one requested operation does to the table: the document to write, nothing to write, or
/// the reason it is refused (which Orleans sees as <c>false</c>).
/// </summary>
public readonly record struct MembershipChange(MembershipDocument? Next, string? Refusal)
{
    public static MembershipChange To(MembershipDocument next) => new(next, null);

    public static MembershipChange Refused(string reason) => new(null, reason);

    public static readonly MembershipChange None = new(null, null);

    public bool IsRefused => Refusal is not null;
}
