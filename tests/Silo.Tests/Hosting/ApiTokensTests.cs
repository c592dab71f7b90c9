using Actors.Silo.Hosting;

namespace Actors.Silo.Tests.Hosting;

public sealed class ApiTokensTests
{
    [Fact]
    public void The_tokens_file_lists_admin_and_read_tokens_one_per_line()
    {
        var tokens = ApiTokens.Parse("# operator API\nadmin:a1\n\nread: r1\r\nread:r2\n", "tokens");

        Assert.Equal(["a1"], tokens.Admin);
        Assert.Equal(["r1", "r2"], tokens.Read);
    }

    [Fact]
    public void A_line_without_a_role_is_refused_with_its_line_number()
    {
        var error = Assert.Throws<FormatException>(() => ApiTokens.Parse("admin:a1\nsecret\n", "/var/run/actors/tokens/tokens"));
        Assert.Equal("/var/run/actors/tokens/tokens line 2: expected 'admin:TOKEN' or 'read:TOKEN'.", error.Message);
    }

    [Fact]
    public void Without_the_optional_secret_there_are_no_tokens() =>
        Assert.Equal(ApiTokens.None, ApiTokens.FromEnvironment(name => name == ApiTokens.FileVariable ? "/nonexistent/tokens" : null));
}
