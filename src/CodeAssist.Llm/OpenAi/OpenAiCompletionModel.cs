using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using CodeAssist.Llm.Fim;
using CodeAssist.Llm.Http;
using CodeAssist.Llm.Remote;

namespace CodeAssist.Llm.OpenAi;

/// <summary>
/// Infill and raw completion over an OpenAI-compatible server (llama-server, vLLM, LM Studio, OpenAI):
/// /v1/completions with a FIM-formatted prompt or the <c>suffix</c> field, or llama-server's /infill.
/// </summary>
internal sealed class OpenAiCompletionModel : ICompletionModel
{
    private readonly ModelHttpTransport _transport;
    private readonly FimTemplate? _template;
    private readonly bool _isOpenAiService;
    private readonly bool _knownLlamaServer;
    private readonly ThroughputMeter _throughput = new();
    private Task<string>? _infillMode;

    /// <param name="knownLlamaServer">The server is llama-server (<c>provider: llamacpp</c>): "auto" needs no probe.</param>
    public OpenAiCompletionModel(ModelHttpTransport transport, bool knownLlamaServer = false)
    {
        _transport = transport;
        _knownLlamaServer = knownLlamaServer;
        var options = transport.Options;
        _template = FimTemplates.Resolve(options.FimFormat, options.Model);
        _isOpenAiService = transport.Root.Host.EndsWith("openai.com", StringComparison.OrdinalIgnoreCase);
        Info = new ModelInfo(
            string.IsNullOrEmpty(options.Model) ? transport.DisplayEndpoint : options.Model,
            knownLlamaServer ? "llamacpp" : "openai",
            options.ContextSize,
            SupportsFim: _template is not null || options.InfillMode is "infill" or "suffix",
            _template?.Name ?? (options.InfillMode == "infill" ? "llama-server-infill" : null),
            ChatTemplate: null);
    }

    public ModelInfo Info { get; }

    /// <summary>Measured from llama-server's "timings"; other servers do not report them and stay unknown.</summary>
    public ModelThroughput? Throughput => _throughput.Current;

    public int CountTokens(string text) => TokenEstimator.Estimate(text);

    public async IAsyncEnumerable<CompletionChunk> InfillAsync(InfillRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        // The probe is shared by all calls, so it runs on its own (short) timeout, not on one caller's token.
        var mode = await (_infillMode ??= ResolveInfillModeAsync(CancellationToken.None)).WaitAsync(cancellationToken);
        var chunks = mode switch
        {
            "infill" => InfillEndpointAsync(request, cancellationToken),
            "prompt" when _template is not null => CompletionsAsync(
                FimLayout.BuildText(_template, request), suffix: null, FimLayout.StopSequences(_template, request), request.MaxTokens, request.Temperature, request.CandidateCount, request.TimeLimit, cancellationToken),
            _ => CompletionsAsync(
                request.Prefix, request.Suffix, request.StopSequences, request.MaxTokens, request.Temperature, request.CandidateCount, request.TimeLimit, cancellationToken),
        };
        await foreach (var chunk in chunks)
        {
            yield return chunk;
        }
    }

    /// <summary>Possibly: only llama-server's /infill has a prompt cache, which the first prefill finds out.</summary>
    public bool CanPrefill => _transport.Options.InfillMode is "auto" or "infill";

    /// <summary>
    /// Warms llama-server's prompt cache with a prompt head: the /infill layout of the head with nothing to generate
    /// (<c>n_predict: 0</c>, <c>cache_prompt: true</c>), so the next request that starts with it only evaluates its
    /// tail. Other servers have no prompt cache this could fill.
    /// </summary>
    public Task<PrefillResult> PrefillAsync(InfillRequest head, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(head);
        return WarmAsync(head with { Suffix = "" }, cancellationToken);
    }

    /// <summary>The same warm-up with the whole prompt: the suffix and the line being typed are cached too.</summary>
    public Task<PrefillResult> PrefillPromptAsync(InfillRequest prompt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(prompt);
        return WarmAsync(prompt, cancellationToken);
    }

    private async Task<PrefillResult> WarmAsync(InfillRequest request, CancellationToken cancellationToken)
    {
        var mode = await (_infillMode ??= ResolveInfillModeAsync(CancellationToken.None)).WaitAsync(cancellationToken);
        if (mode != "infill")
        {
            return PrefillResult.Unsupported;
        }

        var body = InfillBody(request with { MaxTokens = 0, StopSequences = [] }, stream: false);
        using var response = await _transport.SendJsonAsync(HttpMethod.Post, "infill", body, cancellationToken);
        var tokens = Math.Max(1, TokenEstimator.Estimate(request.Prefix) + TokenEstimator.Estimate(request.Suffix) + request.ExtraContext.Sum(s => TokenEstimator.Estimate(s.Text)));
        return response.IsSuccessStatusCode ? new PrefillResult(true, tokens, tokens, false) : new PrefillResult(false, tokens, 0, false);
    }

    public IAsyncEnumerable<CompletionChunk> CompleteAsync(RawCompletionRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return CompletionsAsync(request.Prompt, suffix: null, request.StopSequences, request.MaxTokens, request.Temperature, 1, request.TimeLimit, cancellationToken);
    }

    private IAsyncEnumerable<CompletionChunk> CompletionsAsync(
        string prompt, string? suffix, IReadOnlyList<string> stop, int maxTokens, float temperature, int candidates, TimeSpan? timeLimit, CancellationToken cancellationToken)
    {
        var body = new JsonObject
        {
            ["prompt"] = prompt,
            ["max_tokens"] = maxTokens,
            ["temperature"] = temperature,
            ["stream"] = true,
        };
        if (!string.IsNullOrEmpty(_transport.Options.Model))
        {
            body["model"] = _transport.Options.Model;
        }

        if (suffix is not null)
        {
            body["suffix"] = suffix;
        }

        // OpenAI's own service accepts at most 4 stop sequences; the local servers take any number.
        var stops = _isOpenAiService ? stop.Take(4) : stop;
        if (stop.Count > 0)
        {
            body["stop"] = new JsonArray(stops.Select(s => (JsonNode?)JsonValue.Create(s)).ToArray());
        }

        if (candidates > 1)
        {
            body["n"] = candidates;
        }

        var promptTokens = TokenEstimator.Estimate(prompt) + TokenEstimator.Estimate(suffix);
        return StreamedCompletion.RunAsync(_transport, "v1/completions", body, serverSentEvents: true, ParseCompletionEvent, timeLimit, promptTokens, cancellationToken);
    }

    private IAsyncEnumerable<CompletionChunk> InfillEndpointAsync(InfillRequest request, CancellationToken cancellationToken)
    {
        // llama-server appends "prompt" after its middle marker: the line being typed goes there so that a keystroke
        // only changes the end of the prompt and cache_prompt reuses the rest (see FimLayout.BuildSegments).
        var body = InfillBody(request, stream: true);

        // Only llama-server comes this way, and it reads GBNF: the member at the caret must be one that exists.
        if (IdentifierGrammar.ForCaretSite(request.Identifiers) is { } grammar)
        {
            body["grammar"] = grammar;
        }

        var promptTokens = TokenEstimator.Estimate(request.Prefix) + TokenEstimator.Estimate(request.Suffix)
            + request.ExtraContext.Sum(s => TokenEstimator.Estimate(s.Text));
        return StreamedCompletion.RunAsync(_transport, "infill", body, serverSentEvents: true, ParseInfillEvent, request.TimeLimit, promptTokens, cancellationToken);
    }

    private static JsonObject InfillBody(InfillRequest request, bool stream)
    {
        var (linesBefore, currentLine) = FimLayout.SplitCurrentLine(request.Prefix);
        var body = new JsonObject
        {
            ["input_prefix"] = linesBefore,
            ["input_suffix"] = request.Suffix,
            ["prompt"] = currentLine,
            ["input_extra"] = new JsonArray(request.ExtraContext
                .Select(s => (JsonNode?)new JsonObject { ["filename"] = s.FilePath, ["text"] = s.Text })
                .ToArray()),
            ["n_predict"] = request.MaxTokens,
            ["temperature"] = request.Temperature,
            ["stream"] = stream,
            ["cache_prompt"] = true,
        };
        if (request.StopSequences.Count > 0)
        {
            body["stop"] = new JsonArray(request.StopSequences.Select(s => (JsonNode?)JsonValue.Create(s)).ToArray());
        }

        return body;
    }

    private IEnumerable<CompletionDelta> ParseCompletionEvent(JsonNode node, CandidateTracker tracker)
    {
        ObserveTimings(node);
        if (node["usage"] is JsonObject usage)
        {
            tracker.PromptTokens = usage["prompt_tokens"]?.GetValue<int>() ?? tracker.PromptTokens;
            tracker.ReportedCompletionTokens = usage["completion_tokens"]?.GetValue<int>();
            tracker.CachedPromptTokens = usage["prompt_tokens_details"]?["cached_tokens"]?.GetValue<int>();
        }

        if (node["choices"] is not JsonArray choices)
        {
            yield break;
        }

        foreach (var choice in choices.OfType<JsonObject>())
        {
            var index = choice["index"]?.GetValue<int>() ?? 0;
            yield return new CompletionDelta(index, choice["text"]?.GetValue<string>() ?? "", choice["finish_reason"]?.GetValue<string>());
        }
    }

    // llama-server: {"content":"..","stop":false} ... {"content":"","stop":true,"stop_type":"limit","tokens_evaluated":n,...}
    private IEnumerable<CompletionDelta> ParseInfillEvent(JsonNode node, CandidateTracker tracker)
    {
        ObserveTimings(node);
        var stop = node["stop"]?.GetValue<bool>() ?? false;
        if (stop)
        {
            tracker.PromptTokens = node["tokens_evaluated"]?.GetValue<int>() ?? tracker.PromptTokens;
            tracker.ReportedCompletionTokens = node["tokens_predicted"]?.GetValue<int>();
            tracker.CachedPromptTokens = node["tokens_cached"]?.GetValue<int>();
        }

        var limited = node["stop_type"]?.GetValue<string>() == "limit" || (node["stopped_limit"]?.GetValue<bool>() ?? false);
        yield return new CompletionDelta(0, node["content"]?.GetValue<string>() ?? "", stop ? (limited ? "length" : "stop") : null);
    }

    // llama-server ends a stream with {"timings":{"prompt_n":..,"prompt_ms":..,"predicted_n":..,"predicted_ms":..}}.
    private void ObserveTimings(JsonNode node)
    {
        if (node["timings"] is not JsonObject timings)
        {
            return;
        }

        var promptTokens = timings["prompt_n"]?.GetValue<int>() ?? 0;
        var promptMs = timings["prompt_ms"]?.GetValue<double>() ?? 0;
        var predictedTokens = timings["predicted_n"]?.GetValue<int>() ?? 0;
        var predictedMs = timings["predicted_ms"]?.GetValue<double>() ?? 0;
        _throughput.Observe(promptTokens, TimeSpan.FromMilliseconds(promptMs), predictedTokens, TimeSpan.FromMilliseconds(predictedMs));
    }

    /// <summary>"auto" asks the server's /props once: only llama-server answers it, and only llama-server has /infill.</summary>
    private async Task<string> ResolveInfillModeAsync(CancellationToken cancellationToken)
    {
        var configured = _transport.Options.InfillMode;
        if (configured is "infill" or "prompt" or "suffix")
        {
            return configured;
        }

        if (_knownLlamaServer || (!_isOpenAiService && await LlamaServerProbe.IsLlamaServerAsync(_transport, cancellationToken)))
        {
            return "infill";
        }

        return _template is not null ? "prompt" : "suffix";
    }
}
