using System.Runtime.CompilerServices;
using CodeAssist.Llm;

namespace CodeAssist.Bench.Completion;

/// <summary>
/// A scripted model of fixed latency for the replay: it finds the caret in the original file from the prompt's
/// prefix and answers the true rest of the line with probability <see cref="ReplaySettings.Accuracy"/> (decided by a
/// hash of the position, so reruns agree), else a misspelled or different continuation. It streams about four
/// characters a token and honours cancellation during "prefill" and between tokens, like a local model.
/// </summary>
internal sealed class OracleCompletionModel : ICompletionModel
{
    private readonly IReadOnlyDictionary<string, string> originals;
    private readonly ReplaySettings settings;
    private long generatedTokens;

    private readonly SimulatedPromptCache? cpu;

    public OracleCompletionModel(IReadOnlyDictionary<string, string> originalsByFileName, ReplaySettings settings)
    {
        originals = originalsByFileName;
        this.settings = settings;
        if (settings.PromptTokensPerSecond > 0)
        {
            cpu = new SimulatedPromptCache(settings.PromptTokensPerSecond);
            Throughput = new ModelThroughput(settings.PromptTokensPerSecond, 1000.0 / Math.Max(1, settings.PerTokenLatency.TotalMilliseconds));
        }
    }

    /// <summary>The simulated CPU speed (with --prompt-tps), so prompts are sized as for a local model.</summary>
    public ModelThroughput? Throughput { get; }

    public bool CanPrefill => cpu is not null;

    /// <summary>Prefill is only meaningful with a simulated cache; without one the model has none to fill.</summary>
    public Task<PrefillResult> PrefillAsync(InfillRequest head, CancellationToken cancellationToken) =>
        cpu is null ? Task.FromResult(PrefillResult.Unsupported) : cpu.PrefillAsync(SimulatedPromptCache.RenderHead(head), cancellationToken);

    /// <summary>A whole prompt at a resting caret: its full layout, which the next keystroke's prompt extends.</summary>
    public Task<PrefillResult> PrefillPromptAsync(InfillRequest prompt, CancellationToken cancellationToken) =>
        cpu is null ? Task.FromResult(PrefillResult.Unsupported) : cpu.PrefillAsync(SimulatedPromptCache.Render(prompt), cancellationToken);

    public ModelInfo Info { get; } = new("oracle", "scripted", 4096, SupportsFim: true, "qwen2.5-coder", null);

    public long GeneratedTokens => Interlocked.Read(ref generatedTokens);

    public int CountTokens(string text) => (text.Length + 3) / 4;

    public async IAsyncEnumerable<CompletionChunk> InfillAsync(InfillRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var model = cpu is null ? null : await cpu.EnterAsync(cancellationToken).ConfigureAwait(false);
        var evaluated = cpu is null ? 8 : await cpu.EvaluateAsync(SimulatedPromptCache.Render(request), cancellationToken).ConfigureAwait(false);
        await Task.Delay(settings.FirstTokenLatency, cancellationToken).ConfigureAwait(false);
        var answer = Answer(request);
        var tokens = 0;
        for (var offset = 0; offset < answer.Length && tokens < Math.Min(request.MaxTokens, settings.MaxTokens); offset += 4, tokens++)
        {
            if (settings.PerTokenLatency > TimeSpan.Zero)
            {
                await Task.Delay(settings.PerTokenLatency, cancellationToken).ConfigureAwait(false);
            }

            Interlocked.Increment(ref generatedTokens);
            yield return new CompletionChunk(0, answer.Substring(offset, Math.Min(4, answer.Length - offset)));
        }

        yield return new CompletionChunk(0, "", new CompletionUsage(CountTokens(SimulatedPromptCache.Render(request)), evaluated, tokens, CompletionFinishReason.Stop));
    }

    /// <summary>FNV-1a: string.GetHashCode is randomised per process, and reruns must see the same answers.</summary>
    private static uint StableHash(string text, int number)
    {
        var hash = 2166136261u;
        foreach (var c in text + ":" + number.ToString(System.Globalization.CultureInfo.InvariantCulture))
        {
            hash = (hash ^ c) * 16777619u;
        }

        return hash;
    }

    public IAsyncEnumerable<CompletionChunk> CompleteAsync(RawCompletionRequest request, CancellationToken cancellationToken) =>
        throw new NotSupportedException();

    private string Answer(InfillRequest request)
    {
        if (request.FilePath is null || !originals.TryGetValue(request.FilePath, out var original))
        {
            return "";
        }

        var tail = request.Prefix.Length > 300 ? request.Prefix[^300..] : request.Prefix;
        var index = original.IndexOf(tail, StringComparison.Ordinal);
        if (index < 0)
        {
            return "";
        }

        var caret = index + tail.Length;
        var lineEnd = original.IndexOf('\n', caret);
        var truth = original[caret..(lineEnd < 0 ? original.Length : lineEnd)].TrimEnd('\r');
        var roll = StableHash(request.FilePath, caret) % 1000 / 1000.0;
        if (roll < settings.Accuracy || truth.Length < 4)
        {
            return truth;
        }

        // Wrong answers: half misspell the first identifier (verification should reject or repair), half go elsewhere.
        return roll < settings.Accuracy + ((1 - settings.Accuracy) / 2)
            ? truth[..(truth.Length / 2)] + "Foo" + truth[(truth.Length / 2)..]
            : "ToString();";
    }
}
