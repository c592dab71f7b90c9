using Actors.Kubernetes;
using Microsoft.Extensions.Logging;

namespace Actors.Emulator.Kubelet;

/// <summary>Running the simulated kubelet beside an in-process emulator, still only through its API.</summary>
public static class EmulatorKubelet
{
    /// <summary>
    /// Starts a kubelet that talks to <paramref name="emulator"/> through its kubeconfig and follows
    /// its kubelet switch. <paramref name="time"/> drives the kubelet's delays (a manual clock in
    /// tests); the client's own request deadlines stay on the system clock.
    /// </summary>
    public static async Task<SimulatedKubelet> StartKubeletAsync(this KubernetesEmulator emulator, KubeletOptions? options = null,
        TimeProvider? time = null, ILogger? logger = null, CancellationToken cancellationToken = default)
    {
        var configuration = Kubeconfig.Load([emulator.KubeconfigPath]).Configuration;
        var kubelet = new SimulatedKubelet(configuration, options ?? new KubeletOptions(), time ?? TimeProvider.System, logger);
        kubelet.FollowSwitch(emulator.Kubelet);
        try
        {
            await kubelet.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await kubelet.DisposeAsync().ConfigureAwait(false);
            throw;
        }
        return kubelet;
    }
}
