using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Actors.Silo.Api.Access;

/// <summary>
/// Decides whether an Authorization header value grants a role, for the HTTP and the gRPC
/// API alike. Tokens are compared by their SHA-256 digests in constant time, so neither the
/// comparison time nor the token list leaks what a valid token looks like.
/// </summary>
public sealed class BearerTokenAuthority(IOptions<ClusterApiOptions> options)
{
    private readonly byte[][] readDigests = options.Value.ReadTokens.Where(t => t.Length > 0).Select(Digest).ToArray();
    private readonly byte[][] adminDigests = options.Value.AdminTokens.Where(t => t.Length > 0).Select(Digest).ToArray();
    private readonly bool anonymousReads = options.Value.AnonymousReads;

    public AccessDecision Decide(string? authorization, ApiRole required)
    {
        if (string.IsNullOrWhiteSpace(authorization))
        {
            return required == ApiRole.Read && anonymousReads
                ? AccessDecision.Granted
                : new(AccessOutcome.Unauthenticated, "This request needs a bearer token: send 'Authorization: Bearer <token>'.");
        }

        const string scheme = "Bearer ";
        if (!authorization.StartsWith(scheme, StringComparison.OrdinalIgnoreCase) || authorization.Length == scheme.Length)
        {
            return new(AccessOutcome.Unauthenticated, "The Authorization header must use the Bearer scheme: 'Authorization: Bearer <token>'.")
            {
                InvalidToken = true,
            };
        }

        var digest = Digest(authorization[scheme.Length..].Trim());
        var isAdmin = Contains(adminDigests, digest);
        var isReader = isAdmin || Contains(readDigests, digest);
        if (!isReader)
        {
            return new(AccessOutcome.Unauthenticated, "The bearer token is not valid.") { InvalidToken = true };
        }

        return required == ApiRole.Admin && !isAdmin
            ? new(AccessOutcome.Forbidden, "The bearer token may only read; changing a cluster needs an admin token.")
            : AccessDecision.Granted;
    }

    private static byte[] Digest(string token) => SHA256.HashData(Encoding.UTF8.GetBytes(token));

    // Every digest is compared, match or not, so timing does not tell where a match was.
    private static bool Contains(byte[][] digests, byte[] digest)
    {
        var found = false;
        foreach (var candidate in digests)
        {
            found |= CryptographicOperations.FixedTimeEquals(candidate, digest);
        }

        return found;
    }
}
