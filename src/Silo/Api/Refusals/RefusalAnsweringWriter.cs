using System.Buffers;
using System.IO.Pipelines;

namespace Actors.Silo.Api.Refusals;

/// <summary>
/// The connection's output as Kestrel sees it. Until a request is refused every call passes
/// straight through; after, what Kestrel writes — its bodyless error answer, the last thing sent
/// on a connection it is about to close — is held until the head is complete, amended by
/// <see cref="RefusalProblem"/>, and sent.
/// </summary>
internal sealed class RefusalAnsweringWriter(PipeWriter transport, RefusedConnection connection) : PipeWriter
{
    private ArrayBufferWriter<byte>? held;
    private bool leasedFromHeld;
    private bool answered;

    private bool Holding => !answered && connection.Refusal is not null;

    public override Memory<byte> GetMemory(int sizeHint = 0)
    {
        leasedFromHeld = Holding;
        return leasedFromHeld ? Held.GetMemory(sizeHint) : transport.GetMemory(sizeHint);
    }

    public override Span<byte> GetSpan(int sizeHint = 0)
    {
        leasedFromHeld = Holding;
        return leasedFromHeld ? Held.GetSpan(sizeHint) : transport.GetSpan(sizeHint);
    }

    public override void Advance(int bytes)
    {
        if (leasedFromHeld)
        {
            Held.Advance(bytes);
        }
        else
        {
            transport.Advance(bytes);
        }
    }

    public override ValueTask<FlushResult> FlushAsync(CancellationToken cancellationToken = default)
    {
        if (held is not null && held.WrittenSpan.EndsWith("\r\n\r\n"u8))
        {
            Release();
        }

        return transport.FlushAsync(cancellationToken);
    }

    public override void CancelPendingFlush() => transport.CancelPendingFlush();

    public override bool CanGetUnflushedBytes => transport.CanGetUnflushedBytes;

    public override long UnflushedBytes => transport.UnflushedBytes + (held?.WrittenCount ?? 0);

    public override void Complete(Exception? exception = null)
    {
        Release();
        transport.Complete(exception);
    }

    public override async ValueTask CompleteAsync(Exception? exception = null)
    {
        Release();
        await transport.CompleteAsync(exception);
    }

    private ArrayBufferWriter<byte> Held => held ??= new ArrayBufferWriter<byte>();

    /// <summary>Sends what was held, amended when it is the bodyless error answer; from then on everything passes through.</summary>
    private void Release()
    {
        if (held is null || answered || connection.Refusal is not { } refusal)
        {
            return;
        }

        answered = true;
        transport.Write(RefusalProblem.Amend(held.WrittenSpan, refusal) ?? held.WrittenSpan.ToArray());
        held = null;
    }
}
