namespace Actors.Emulator.Auth;

/// <summary>Who made a request, as the bearer token says.</summary>
public sealed record Caller(string User, bool CanWrite);

/// <summary>Maps bearer tokens to callers: the admin token may do anything, the read-only token only read.</summary>
internal sealed class TokenAuthenticator(string adminToken, string readOnlyToken)
{
    public Caller? Authenticate(string? authorization)
    {
        if (authorization is null || !authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) return null;
        var token = authorization["Bearer ".Length..].Trim();
        if (token.Length == 0) return null;
        if (FixedEquals(token, adminToken)) return new Caller("admin", true);
        if (FixedEquals(token, readOnlyToken)) return new Caller("viewer", false);
        return null;
    }

    static bool FixedEquals(string a, string b) =>
        System.Security.Cryptography.CryptographicOperations.FixedTimeEquals(
            System.Text.Encoding.UTF8.GetBytes(a), System.Text.Encoding.UTF8.GetBytes(b));
}
