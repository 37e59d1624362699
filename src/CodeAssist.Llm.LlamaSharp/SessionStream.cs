using System.Runtime.CompilerServices;
using System.Threading.Channels;
using CodeAssist.Llm;

namespace CodeAssist.Llm.LlamaSharp;

/// <summary>
/// Bridges the session's blocking decode loop to IAsyncEnumerable: the loop runs on its own thread and writes text
/// into a channel. A consumer that stops early (breaks out, disposes) cancels the loop, so the shared context is
/// free again at once instead of generating tokens nobody reads.
/// </summary>
internal static class SessionStream
{
    public static async IAsyncEnumerable<(string? Text, CompletionUsage? Usage)> RunAsync(
        LlamaSession session,
        GenerationRequest request,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var channel = Channel.CreateUnbounded<(string?, CompletionUsage?)>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        Task producer = ProduceAsync(session, request, channel.Writer, stop.Token);
        try
        {
            await foreach ((string?, CompletionUsage?) item in channel.Reader.ReadAllAsync(CancellationToken.None).ConfigureAwait(false))
            {
                // The producer may have run ahead of a slow consumer; a cancelled consumer must still see its
                // cancellation rather than the buffered rest of the answer.
                cancellationToken.ThrowIfCancellationRequested();
                yield return item;
            }

            await producer.ConfigureAwait(false);
        }
        finally
        {
            await stop.CancelAsync().ConfigureAwait(false);
            try
            {
                await producer.ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Expected when the consumer left early; its own cancellation surfaced through the channel already.
            }
        }
    }

    private static async Task ProduceAsync(
        LlamaSession session,
        GenerationRequest request,
        ChannelWriter<(string?, CompletionUsage?)> writer,
        CancellationToken cancellationToken)
    {
        try
        {
            CompletionUsage usage = await session.RunAsync(request, text => writer.TryWrite((text, null)), cancellationToken).ConfigureAwait(false);
            writer.TryWrite((null, usage));
            writer.TryComplete();
        }
        catch (Exception e)
        {
            writer.TryComplete(e);
        }
    }
}
