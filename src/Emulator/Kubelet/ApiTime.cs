namespace Actors.Emulator.Kubelet;

/// <summary>
/// The kubelet reasons in <see cref="DateTimeOffset"/> (its clock is a <see cref="TimeProvider"/>);
/// the official client's models carry UTC <see cref="DateTime"/>s. These convert at that border only.
/// </summary>
public static class ApiTime
{
    public static DateTime ToApi(DateTimeOffset time) => time.UtcDateTime;

    public static DateTimeOffset? FromApi(DateTime? time) =>
        time is { } t ? new DateTimeOffset(t.Kind == DateTimeKind.Local ? t.ToUniversalTime() : DateTime.SpecifyKind(t, DateTimeKind.Utc)) : null;
}
