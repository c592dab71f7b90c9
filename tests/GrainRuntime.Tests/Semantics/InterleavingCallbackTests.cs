using Actors.GrainRuntime.Tests.Grains;
using Actors.GrainRuntime.Tests.Support;

namespace Actors.GrainRuntime.Tests.Semantics;

/// <summary>The one way back into a waiting grain that Orleans lets through: a method marked [AlwaysInterleave].</summary>
[Collection(SharedSiloCollection.Name)]
public sealed class InterleavingCallbackTests(SharedSilo shared)
{
    [Fact]
    public async Task A_call_back_into_an_always_interleave_method_completes()
    {
        var start = shared.Silo.Get<ICycleStartGrain>("interleaving-a");

        Assert.Equal("back→interleaving", await start.CallThrough("interleaving-b", backIntoInterleavingMethod: true).Within());
    }
}
