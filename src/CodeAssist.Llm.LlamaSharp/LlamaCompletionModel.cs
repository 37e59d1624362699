using System.Runtime.CompilerServices;
using System.Text;
using CodeAssist.Llm;
using LLama;
using LLama.Native;

namespace CodeAssist.Llm.LlamaSharp;

/// <summary>Infill and raw completion on the shared session of a local model.</summary>
internal sealed class LlamaCompletionModel : ICompletionModel
{
    private readonly LLamaWeights _weights;
    private readonly LlamaSession _session;
    private readonly InfillPromptBuilder? _infill;
    private readonly FimTokens? _fim;
    private readonly TimeSpan _defaultTimeLimit;

    public LlamaCompletionModel(LLamaWeights weights, LlamaSession session, FimTokens? fim, ModelInfo info, TimeSpan defaultTimeLimit)
    {
        _weights = weights;
        _session = session;
        _fim = fim;
        _infill = fim is null ? null : new InfillPromptBuilder(weights, fim);
        Info = info;
        _defaultTimeLimit = defaultTimeLimit;
    }

    public ModelInfo Info { get; }

    public ModelThroughput? Throughput => _session.Throughput;

    public async IAsyncEnumerable<CompletionChunk> InfillAsync(InfillRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (_infill is null)
        {
            throw new NotSupportedException($"{Info.ModelId} has no fill-in-the-middle tokens; use a code model such as Qwen2.5-Coder.");
        }

        int maxTokens = ClampMaxTokens(request.MaxTokens);
        List<LLamaToken> prompt = _infill.Build(request, _session.ContextSize - maxTokens - 1);
        await foreach (CompletionChunk chunk in RunCandidatesAsync(prompt, maxTokens, request.StopSequences, request.Temperature, request.CandidateCount, request.TimeLimit, _fim!.EndTokenIds, request.Identifiers, cancellationToken).ConfigureAwait(false))
        {
            yield return chunk;
        }
    }

    public bool CanPrefill => _infill is not null;

    public Task<PrefillResult> PrefillAsync(InfillRequest head, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(head);
        if (_infill is null)
        {
            return Task.FromResult(PrefillResult.Unsupported);
        }

        List<LLamaToken> tokens = _infill.Head(head);
        // A head that would not leave room for the rest of a prompt is not worth keeping.
        return tokens.Count >= _session.ContextSize * 3 / 4
            ? Task.FromResult(PrefillResult.Unsupported)
            : _session.PrefillAsync(tokens, cancellationToken);
    }

    public Task<PrefillResult> PrefillPromptAsync(InfillRequest prompt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(prompt);
        if (_infill is null)
        {
            return Task.FromResult(PrefillResult.Unsupported);
        }

        // Built exactly as InfillAsync builds it (same budget), so the request that follows shares every token.
        List<LLamaToken> tokens = _infill.Build(prompt, _session.ContextSize - ClampMaxTokens(prompt.MaxTokens) - 1);
        return _session.PrefillAsync(tokens, cancellationToken);
    }

    public async IAsyncEnumerable<CompletionChunk> CompleteAsync(RawCompletionRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        int maxTokens = ClampMaxTokens(request.MaxTokens);

        // A raw prompt is continued as is: special-token text in it is parsed as special tokens, on purpose.
        LLamaToken[] tokens = _weights.Tokenize(request.Prompt, _weights.Vocab.ShouldAddBOS, special: true, Encoding.UTF8);
        int budget = _session.ContextSize - maxTokens - 1;
        List<LLamaToken> prompt = tokens.Length > budget ? [.. tokens[^budget..]] : [.. tokens];
        if (prompt.Count == 0 && _weights.Vocab.BOS is { } bos)
        {
            prompt.Add(bos);
        }

        await foreach (CompletionChunk chunk in RunCandidatesAsync(prompt, maxTokens, request.StopSequences, request.Temperature, 1, request.TimeLimit, new HashSet<LLamaToken>(), null, cancellationToken).ConfigureAwait(false))
        {
            yield return chunk;
        }
    }

    public int CountTokens(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.Length == 0 ? 0 : _weights.Tokenize(text, add_bos: false, special: false, Encoding.UTF8).Length;
    }

    /// <summary>
    /// Candidates run one after another on the same cached prompt, so the second costs no prompt evaluation.
    /// Greedy decoding would repeat the first one, so at temperature 0 there is a single candidate.
    /// </summary>
    private async IAsyncEnumerable<CompletionChunk> RunCandidatesAsync(
        List<LLamaToken> prompt,
        int maxTokens,
        IReadOnlyList<string> stops,
        float temperature,
        int candidates,
        TimeSpan? timeLimit,
        IReadOnlySet<LLamaToken> stopTokens,
        IdentifierConstraint? identifiers,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        int count = temperature <= 0 ? 1 : Math.Clamp(candidates, 1, 8);
        for (int candidate = 0; candidate < count; candidate++)
        {
            var request = new GenerationRequest(prompt, maxTokens, stops, temperature, (uint)(1234 + candidate), timeLimit ?? _defaultTimeLimit) { StopTokens = stopTokens, Identifiers = identifiers };
            await foreach ((string? text, CompletionUsage? usage) in SessionStream.RunAsync(_session, request, cancellationToken).ConfigureAwait(false))
            {
                yield return new CompletionChunk(candidate, text ?? "", usage);
            }
        }
    }

    private int ClampMaxTokens(int requested) => Math.Clamp(requested, 1, Math.Max(1, _session.ContextSize / 2));
}
