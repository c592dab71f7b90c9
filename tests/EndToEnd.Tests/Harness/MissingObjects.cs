using Actors.Kubernetes;
using k8s.Autorest;

namespace Actors.EndToEnd.Tests.Harness;

/// <summary>"Is it there?" as a scenario asks it: a read that answers null on 404 instead of throwing.</summary>
public static class MissingObjects
{
    public static async Task<T?> OrNullWhenMissing<T>(this Task<T> read) where T : class
    {
        try
        {
            return await read;
        }
        catch (HttpOperationException e) when (e.IsNotFound())
        {
            return null;
        }
    }
}
