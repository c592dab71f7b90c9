namespace Actors.Emulator.Kubelet;

/// <summary>Stable made-up addresses: a node's host IP and a pod IP derived from its uid, so a replacement pod gets a new one.</summary>
public static class PodAddress
{
    public static string HostIp(int nodeIndex) => $"172.18.0.{nodeIndex + 2}";

    public static string PodIp(int nodeIndex, string uid)
    {
        var hash = 2166136261u;
        foreach (var c in uid) hash = (hash ^ c) * 16777619u;
        var low = (int)(hash & 0xFFFF);
        return $"10.{64 + nodeIndex}.{low >> 8}.{Math.Clamp(low & 0xFF, 2, 254)}";
    }
}
