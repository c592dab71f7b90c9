using Actors.GrainRuntime.Tests.Grains;
using Actors.GrainRuntime.Tests.Support;

namespace Actors.GrainRuntime.Tests.Semantics;

/// <summary>
/// A → B → A: Orleans does not detect the cycle. B's call back into A queues behind A's open turn,
/// which is waiting on B, until the response timeout ends it. The operator's grains must never
/// call back up into a grain that called them; this pins what happens if one does.
/// </summary>
public sealed class CallCycleTests : IAsyncLifetime
{
    // Short, so the test is quick; a real operator keeps Orleans' 30 s. Only this test runs on a
    // silo this strict: elsewhere a slow machine must not turn a slow call into a failure.
    private static readonly TimeSpan ResponseTimeout = TimeSpan.FromSeconds(1);
    private OrleansSilo silo = null!;

    public async Task InitializeAsync() => silo = await OrleansSilo.StartAsync(ResponseTimeout);

    public async Task DisposeAsync() => await silo.DisposeAsync();

    [Fact]
    public async Task A_call_back_into_a_grain_waiting_on_its_callee_ends_in_a_timeout()
    {
        var start = silo.Get<ICycleStartGrain>("a");

        var error = await Assert.ThrowsAsync<TimeoutException>(() => start.CallThrough("b", backIntoInterleavingMethod: false).Within());

        // A's own call to B is what times out (it started first); the message names both grains.
        Assert.Contains("did not arrive on time", error.Message);
        Assert.Contains("cyclestart/a]->[", error.Message);
        Assert.Contains("cyclereturn/b]", error.Message);
    }

}
