using Actors.Silo.Api;
using Actors.Silo.Api.Access;
using Microsoft.Extensions.Options;

namespace Actors.Silo.Tests.Api;

public sealed class BearerTokenAuthorityTests
{
    private static BearerTokenAuthority Authority(bool anonymousReads = false) => new(Options.Create(new ClusterApiOptions
    {
        ReadTokens = ["reader", ""],
        AdminTokens = ["admin"],
        AnonymousReads = anonymousReads,
    }));

    [Theory]
    [InlineData("Bearer reader", ApiRole.Read, AccessOutcome.Granted)]
    [InlineData("bearer reader", ApiRole.Read, AccessOutcome.Granted)]
    [InlineData("Bearer admin", ApiRole.Read, AccessOutcome.Granted)]
    [InlineData("Bearer admin", ApiRole.Admin, AccessOutcome.Granted)]
    [InlineData("Bearer reader", ApiRole.Admin, AccessOutcome.Forbidden)]
    [InlineData("Bearer readers", ApiRole.Read, AccessOutcome.Unauthenticated)]
    [InlineData("Bearer ", ApiRole.Read, AccessOutcome.Unauthenticated)]
    [InlineData("Bearer", ApiRole.Read, AccessOutcome.Unauthenticated)]
    [InlineData("reader", ApiRole.Read, AccessOutcome.Unauthenticated)]
    [InlineData("Token admin", ApiRole.Admin, AccessOutcome.Unauthenticated)]
    [InlineData(null, ApiRole.Read, AccessOutcome.Unauthenticated)]
    [InlineData(null, ApiRole.Admin, AccessOutcome.Unauthenticated)]
    public void Tokens_grant_their_role_and_nothing_more(string? header, ApiRole role, AccessOutcome outcome) =>
        Assert.Equal(outcome, Authority().Decide(header, role).Outcome);

    [Fact]
    public void An_empty_configured_token_never_matches()
    {
        Assert.Equal(AccessOutcome.Unauthenticated, Authority().Decide("Bearer  ", ApiRole.Read).Outcome);
    }

    [Fact]
    public void Anonymous_reads_open_reads_only()
    {
        var authority = Authority(anonymousReads: true);

        Assert.Equal(AccessOutcome.Granted, authority.Decide(null, ApiRole.Read).Outcome);
        Assert.Equal(AccessOutcome.Unauthenticated, authority.Decide(null, ApiRole.Admin).Outcome);
        Assert.Equal(AccessOutcome.Unauthenticated, authority.Decide("Bearer forged", ApiRole.Read).Outcome);
    }
}
