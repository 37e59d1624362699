using CodeAssist.Llm;
using LLama.Native;
using LLama.Sampling;

namespace CodeAssist.Llm.LlamaSharp;

/// <summary>The decode loop of <see cref="LlamaSession"/>: prefill with KV reuse and kept copies, then token by token.</summary>
internal sealed partial class LlamaSession
{
    /// <summary>Makes the cache hold exactly the prompt; returns how many prompt tokens were evaluated.</summary>
    private int Prefill(IReadOnlyList<LLamaToken> prompt, CancellationToken cancellationToken)
    {
        int common = KvSnapshots.CommonPrefix(_cached, prompt);
        if (prompt.Count - common >= MinSnapshotGain)
        {
            common = SwapSnapshot(prompt, common);
        }

        // The logits of the last prompt token are needed to sample, so it is always decoded again.
        common = Math.Min(common, prompt.Count - 1);
        Truncate(common);
        for (int start = common; start < prompt.Count; start += _batchSize)
        {
            cancellationToken.ThrowIfCancellationRequested();
            int end = Math.Min(start + _batchSize, prompt.Count);
            _batch.Clear();
            for (int i = start; i < end; i++)
            {
                _batch.Add(prompt[i], i, s_sequence, i == prompt.Count - 1);
            }

            BeforePromptDecode?.Invoke();
            Decode(prompt, start, end, cancellationToken);
        }

        return prompt.Count - common;
    }

    /// <summary>
    /// Most of the prompt would be evaluated: keep what the cache holds now for a later return, and start from a kept
    /// copy instead when one shares more of this prompt. Returns the tokens now reusable.
    /// </summary>
    private int SwapSnapshot(IReadOnlyList<LLamaToken> prompt, int common, int minGain = MinSnapshotGain)
    {
        KvSnapshots.Snapshot? best = _snapshots.FindBest(prompt, common + minGain);
        if (_cached.Count - common >= MinSnapshotGain && _cached.Count >= MinSnapshotTokens)
        {
            _snapshots.Save([.. _cached], _context.GetState(s_sequence));
        }

        if (best is null)
        {
            return common;
        }

        _context.LoadState(best.State, s_sequence);
        _cached.Clear();
        _cached.AddRange(best.Tokens);
        SnapshotRestores++;
        return KvSnapshots.CommonPrefix(_cached, prompt);
    }

    private CompletionFinishReason Generate(GenerationRequest request, Action<string> onText, ref int generated, out GuidedSampling? guided, CancellationToken cancellationToken)
    {
        using ISamplingPipeline sampler = request.Temperature <= 0
            ? new GreedySamplingPipeline()
            : new DefaultSamplingPipeline { Temperature = request.Temperature, Seed = request.Seed };
        var decoder = new Utf8TokenDecoder();
        var stops = new StopSequenceFilter(request.StopSequences);
        long started = _time.GetTimestamp();
        int logitsIndex = _batch.TokenCount - 1;
        CompletionFinishReason reason = CompletionFinishReason.Length;
        var piece = new byte[256];
        guided = request.Identifiers is { } identifiers ? StartGuide(identifiers, request) : null;
        while (generated < request.MaxTokens)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (request.TimeLimit is { } limit && _time.GetElapsedTime(started) >= limit)
            {
                reason = CompletionFinishReason.TimeLimit;
                break;
            }

            LLamaToken token = sampler.Sample(_context.NativeHandle, logitsIndex);
            if (guided is not null)
            {
                token = Guide(guided, token, logitsIndex, request.StopTokens);
            }

            if (token.IsEndOfGeneration(_vocab) || request.StopTokens.Contains(token))
            {
                reason = CompletionFinishReason.Stop;
                break;
            }

            generated++;
            AfterToken?.Invoke(generated);
            int length = TokenBytes(token, ref piece);
            string text = stops.Append(decoder.Append(piece.AsSpan(0, length)));
            if (text.Length > 0)
            {
                onText(text);
            }

            if (stops.Stopped)
            {
                reason = CompletionFinishReason.Stop;
                break;
            }

            // Only decode the token when another one will be sampled after it, and while the context has room.
            if (generated >= request.MaxTokens || _cached.Count + 1 >= ContextSize)
            {
                break;
            }

            _batch.Clear();
            _batch.Add(token, _cached.Count, s_sequence, true);
            Decode([token], 0, 1, cancellationToken);
            logitsIndex = 0;
        }

        string rest = stops.Stopped ? "" : stops.Append(decoder.Flush()) + stops.Flush();
        if (rest.Length > 0)
        {
            onText(rest);
        }

        return reason;
    }

    private void Decode(IReadOnlyList<LLamaToken> tokens, int start, int end, CancellationToken cancellationToken)
    {
        DecodeResult result = _context.NativeHandle.Decode(_batch);
        if (result == DecodeResult.Ok)
        {
            for (int i = start; i < end; i++)
            {
                _cached.Add(tokens[i]);
            }

            return;
        }

        // An aborted decode keeps the micro-batches it finished; resynchronise with what the cache really holds.
        int kept = Math.Clamp((int)_context.NativeHandle.MemorySequenceMaxPosition(s_sequence) + 1, _cached.Count, _cached.Count + (end - start));
        for (int i = start; _cached.Count < kept; i++)
        {
            _cached.Add(tokens[i]);
        }

        Truncate(kept);
        if (result == DecodeResult.ComputeAborted || cancellationToken.IsCancellationRequested)
        {
            throw new OperationCanceledException("Generation was cancelled during a decode.", cancellationToken);
        }

        throw new InvalidOperationException($"llama.cpp could not decode the batch ({result}).");
    }

    private void Truncate(int count)
    {
        _context.NativeHandle.MemorySequenceRemove(s_sequence, count, -1);
        if (_cached.Count > count)
        {
            _cached.RemoveRange(count, _cached.Count - count);
        }
    }

    private int TokenBytes(LLamaToken token, ref byte[] buffer)
    {
        int length = (int)_context.NativeHandle.ModelHandle.TokenToSpan(token, buffer, 0, false);
        if (length > buffer.Length)
        {
            buffer = new byte[length];
            length = (int)_context.NativeHandle.ModelHandle.TokenToSpan(token, buffer, 0, false);
        }

        return length;
    }
}
