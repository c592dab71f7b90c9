using System.Threading.Channels;

namespace Actors.Runtime.Bench;

/// <summary>
/// The baseline: a bare Channel&lt;T&gt; mailbox with one reader loop doing the same work as
/// <see cref="BenchCounterGrain"/>, answering through a TaskCompletionSource per request.
/// </summary>
public sealed class ChannelActor
{
    private readonly Channel<Request> _mailbox = Channel.CreateUnbounded<Request>(new UnboundedChannelOptions { SingleReader = true });
    private int _total;

    public ChannelActor() => _ = Task.Run(ReadAsync);

    public Task<int> Add(int amount)
    {
        var request = new Request(amount);
        _mailbox.Writer.TryWrite(request);
        return request.Reply.Task;
    }

    public void Stop() => _mailbox.Writer.TryComplete();

    private async Task ReadAsync()
    {
        var reader = _mailbox.Reader;
        while (await reader.WaitToReadAsync())
            while (reader.TryRead(out var request))
                request.Reply.TrySetResult(_total += request.Amount);
    }

    private sealed class Request(int amount)
    {
        public int Amount { get; } = amount;
        public TaskCompletionSource<int> Reply { get; } = new();
    }
}
