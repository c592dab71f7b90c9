using Microsoft.Extensions.Logging;

namespace Actors.Runtime;

internal sealed partial class GrainTimer
{
    private void TickFailed(Exception exception) =>
        _activation.Runtime.Logger.LogWarning(exception, "Timer tick of {GrainId} failed; the timer keeps running", _activation.GrainId);
}
