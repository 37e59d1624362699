using CodeAssist.Llm;
using CodeAssist.Llm.Fim;

namespace CodeAssist.Bench.Completion;

/// <summary>
/// The prompt cost of a local model on a CPU, for the scripted model (<c>--prompt-tps N</c>): one request at a time,
/// each prompt token costs 1/N s except those it shares with the cache (the last prompt, or one of 8 kept copies, as
/// LlamaSession keeps them), and a background prefill evaluates a head in 64-token chunks and stops as soon as a
/// foreground call waits, keeping its finished chunks. Tokens are 4 characters of the Qwen FIM layout's text.
/// </summary>
internal sealed class SimulatedPromptCache(int tokensPerSecond)
{
    private const int ChunkTokens = 64;
    private const int CharsPerToken = 4;
    private const int KeptCopies = 8;

    private readonly SemaphoreSlim gate = new(1, 1);
    private readonly List<string> kept = [];
    private string cached = "";
    private int foregroundWaiting;
    private CancellationTokenSource? background;

    public static string Render(InfillRequest request) => FimLayout.BuildText(FimTemplates.QwenCoder, request);

    /// <summary>The head's text: the layout up to the suffix marker.</summary>
    public static string RenderHead(InfillRequest head)
    {
        var text = Render(head with { Suffix = "" });
        var end = text.IndexOf(FimTemplates.QwenCoder.SuffixToken, StringComparison.Ordinal);
        return end < 0 ? text : text[..end];
    }

    /// <summary>Takes the model for a foreground call (pre-empting a prefill); dispose the result to release it.</summary>
    public async Task<IDisposable> EnterAsync(CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref foregroundWaiting);
        try
        {
            Volatile.Read(ref background)?.Cancel();
            await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            Interlocked.Decrement(ref foregroundWaiting);
        }

        return new Release(gate);
    }

    /// <summary>Evaluates a prompt (inside <see cref="EnterAsync"/>); returns the tokens paid for.</summary>
    public async Task<int> EvaluateAsync(string prompt, CancellationToken cancellationToken)
    {
        var common = Restore(prompt);
        if (cached.Length - common >= 128 * CharsPerToken && cached.Length >= 256 * CharsPerToken)
        {
            Keep(cached);
        }

        var tokens = (prompt.Length - common + CharsPerToken - 1) / CharsPerToken;
        cached = prompt[..common];
        await Task.Delay(Seconds(tokens), cancellationToken).ConfigureAwait(false);
        cached = prompt;
        return tokens;
    }

    public async Task<PrefillResult> PrefillAsync(string head, CancellationToken cancellationToken)
    {
        var headTokens = (head.Length + CharsPerToken - 1) / CharsPerToken;
        if (Volatile.Read(ref foregroundWaiting) > 0)
        {
            return new PrefillResult(false, headTokens, 0, true);
        }

        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        Interlocked.Exchange(ref background, stop);
        try
        {
            if (cached.Length - Common(cached, head) >= 32 * CharsPerToken)
            {
                Keep(cached);
            }

            var start = Restore(head);
            cached = head[..start];
            var done = start;
            var preempted = false;
            while (done < head.Length)
            {
                if (Volatile.Read(ref foregroundWaiting) > 0)
                {
                    preempted = true;
                    break;
                }

                var end = Math.Min(head.Length, done + (ChunkTokens * CharsPerToken));
                try
                {
                    await Task.Delay(Seconds((end - done) / CharsPerToken), stop.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    preempted = true;
                    break;
                }

                cached = head[..end];
                done = end;
            }

            Keep(cached);
            return new PrefillResult(!preempted, headTokens, (done - start) / CharsPerToken, preempted);
        }
        finally
        {
            Interlocked.Exchange(ref background, null);
            gate.Release();
        }
    }

    private TimeSpan Seconds(int tokens) => TimeSpan.FromSeconds((double)tokens / tokensPerSecond);

    /// <summary>Starts from the cache or the kept copy sharing most with <paramref name="prompt"/>; keeps the one left.</summary>
    private int Restore(string prompt)
    {
        var common = Common(cached, prompt);
        var best = kept.OrderByDescending(copy => Common(copy, prompt)).FirstOrDefault();
        if (best is not null && Common(best, prompt) > common)
        {
            Keep(cached);
            cached = best;
            common = Common(best, prompt);
        }

        return common;
    }

    private void Keep(string text)
    {
        if (text.Length < 32 * CharsPerToken)
        {
            return;
        }

        kept.RemoveAll(copy => text.StartsWith(copy, StringComparison.Ordinal));
        kept.Insert(0, text);
        if (kept.Count > KeptCopies)
        {
            kept.RemoveAt(kept.Count - 1);
        }
    }

    private static int Common(string a, string b)
    {
        var max = Math.Min(a.Length, b.Length);
        var i = 0;
        while (i < max && a[i] == b[i])
        {
            i++;
        }

        return i;
    }

    private sealed class Release(SemaphoreSlim gate) : IDisposable
    {
        public void Dispose() => gate.Release();
    }
}
