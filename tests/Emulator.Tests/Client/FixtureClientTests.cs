using System.Collections.Concurrent;
using Actors.Kubernetes;
using k8s;

namespace Actors.Emulator.Tests.Client;

/// <summary>
/// What other test projects get from <see cref="EmulatorFixture.Client"/>: the official client as
/// the operator builds it, tunable by policy, with an optional handler on the wire.
/// </summary>
public sealed class FixtureClientTests : IAsyncLifetime
{
    EmulatorFixture fixture = null!;

    public async Task InitializeAsync() => fixture = await EmulatorFixture.StartAsync();

    public async Task DisposeAsync() => await fixture.DisposeAsync();

    /// <summary>Records each attempt as it leaves for the server.</summary>
    sealed class Recorder : DelegatingHandler
    {
        public ConcurrentQueue<HttpRequestMessage> Sent { get; } = new();

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Sent.Enqueue(request);
            return base.SendAsync(request, cancellationToken);
        }
    }

    [Fact]
    public async Task A_handler_given_to_the_fixture_sees_each_request_with_the_token_and_the_policys_user_agent()
    {
        var recorder = new Recorder();
        var client = fixture.Client(new ClientPolicy { UserAgent = "fixture-test/1.0" }, recorder);

        await client.CoreV1.ListNamespacedConfigMapAsync("default");

        var sent = Assert.Single(recorder.Sent);
        Assert.Equal("Bearer", sent.Headers.Authorization?.Scheme);
        Assert.Equal(fixture.Token, sent.Headers.Authorization?.Parameter);
        Assert.Equal("fixture-test/1.0", string.Join(" ", sent.Headers.UserAgent));
    }

    [Fact]
    public async Task A_429_is_retried_by_the_policy_and_each_attempt_passes_the_handler()
    {
        var recorder = new Recorder();
        var client = fixture.Client(new ClientPolicy { MaxRetryAfterDelay = TimeSpan.FromMilliseconds(50) }, recorder);
        fixture.Emulator.Faults.FailNext(1, 429, new Faults.RequestMatch(Verb: "list", Resource: "configmaps"));

        await client.CoreV1.ListNamespacedConfigMapAsync("default");

        Assert.Equal(2, recorder.Sent.Count);
    }
}
