namespace Actors.Kubernetes;

/// <summary>A read where "not there" is an answer, not a failure: 404 becomes null, every other refusal still throws.</summary>
public static class MissingObjects
{
    public static async Task<T?> OrNullWhenMissing<T>(this Task<T> read) where T : class
    {
        try
        {
            return await read.ConfigureAwait(false);
        }
        catch (Exception e) when (e.IsNotFound())
        {
            return null;
        }
    }
}
