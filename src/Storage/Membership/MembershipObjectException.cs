namespace Actors.Storage.Membership;

/// <summary>
/// The membership ConfigMap could not be used: the API refused a request (RBAC, a missing
/// namespace) or the object holds something that is not a membership table. The message names the
/// object and says what to do; Orleans logs it and retries the operation.
/// </summary>
public sealed class MembershipObjectException(string message, Exception? cause = null) : Exception(message, cause);
