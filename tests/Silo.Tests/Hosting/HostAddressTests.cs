using System.Net;
using Actors.Silo.Hosting;

namespace Actors.Silo.Tests.Hosting;

public sealed class HostAddressTests
{
    [Theory]
    [InlineData("127.0.0.1:8080", "127.0.0.1", 8080)]
    [InlineData("0.0.0.0:8081", "0.0.0.0", 8081)]
    [InlineData("[::]:8080", "::", 8080)]
    [InlineData("[::1]:0", "::1", 0)]
    public void Addresses_are_an_ip_and_a_port(string text, string ip, int port)
    {
        Assert.True(HostAddress.TryParse(text, out var address, out _));
        Assert.Equal((IPAddress.Parse(ip), port), (address.Address, address.Port));
    }

    [Fact]
    public void Localhost_listens_on_every_loopback_address()
    {
        Assert.True(HostAddress.TryParse("localhost:8080", out var address, out _));
        Assert.True(address.IsLocalhost);
    }

    [Theory]
    [InlineData("8080", "not host:port")]
    [InlineData("127.0.0.1:", "not host:port")]
    [InlineData("127.0.0.1:http", "not a port number")]
    [InlineData("127.0.0.1:70000", "not a port number")]
    [InlineData(":::8080", "not an IP address")]
    [InlineData("kafka.example:8080", "not an IP address")]
    public void Anything_else_is_refused_saying_what_is_wrong(string text, string problem)
    {
        Assert.False(HostAddress.TryParse(text, out _, out var error));
        Assert.Contains(problem, error);
    }
}
