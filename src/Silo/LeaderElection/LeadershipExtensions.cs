namespace Actors.Silo.LeaderElection;

public static class LeadershipExtensions
{
    /// <summary>
    /// Runs <paramref name="work"/> during every term this replica leads, with a token cancelled
    /// when the term ends or <paramref name="stopping"/> fires, until <paramref name="stopping"/>
    /// fires. Work that returns early while still leading is not restarted within the same term.
    /// Exceptions other than the cancellation of a term propagate.
    /// </summary>
    public static async Task RunWhileLeadingAsync(this ILeadership leadership, Func<CancellationToken, Task> work, CancellationToken stopping)
    {
        while (!stopping.IsCancellationRequested)
        {
            CancellationToken term;
            try
            {
                term = await leadership.WhenLeadingAsync(stopping).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }

            using var leading = CancellationTokenSource.CreateLinkedTokenSource(term, stopping);
            try
            {
                await work(leading.Token).ConfigureAwait(false);
                await Task.Delay(Timeout.Infinite, leading.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (leading.IsCancellationRequested)
            {
            }
        }
    }
}
