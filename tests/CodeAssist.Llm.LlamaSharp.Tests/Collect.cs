using CodeAssist.Llm;

namespace CodeAssist.Llm.LlamaSharp.Tests;

internal static class Collect
{
    public static async Task<(string Text, CompletionUsage Usage, int Chunks)> AllAsync(IAsyncEnumerable<CompletionChunk> stream, CancellationToken cancellationToken = default)
    {
        var text = new System.Text.StringBuilder();
        CompletionUsage? usage = null;
        int chunks = 0;
        await foreach (CompletionChunk chunk in stream.WithCancellation(cancellationToken))
        {
            text.Append(chunk.Text);
            usage ??= chunk.Usage;
            chunks++;
        }

        return (text.ToString(), usage ?? throw new InvalidOperationException("The stream ended without usage."), chunks);
    }
}
