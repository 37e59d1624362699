using System.Text.Json.Nodes;
using CodeAssist.Llm.Fim;
using CodeAssist.Llm.Http;
using CodeAssist.Llm.Remote;

namespace CodeAssist.Llm.Ollama;

/// <summary>
/// Infill and raw completion over Ollama's native /api/generate (NDJSON streaming). With a known FIM template
/// the prompt is sent raw in our own layout (repo-level context included); otherwise Ollama's <c>suffix</c>
/// field lets the model's own template do the FIM formatting.
/// </summary>
internal sealed class OllamaCompletionModel : ICompletionModel
{
    private readonly ModelHttpTransport _transport;
    private readonly FimTemplate? _template;

    public OllamaCompletionModel(ModelHttpTransport transport)
    {
        _transport = transport;
        var options = transport.Options;
        _template = options.InfillMode == "suffix" ? null : FimTemplates.Resolve(options.FimFormat, options.Model);
        Info = new ModelInfo(options.Model, "ollama", options.ContextSize, SupportsFim: true, _template?.Name ?? "ollama-suffix", ChatTemplate: null);
    }

    public ModelInfo Info { get; }

    public int CountTokens(string text) => TokenEstimator.Estimate(text);

    public IAsyncEnumerable<CompletionChunk> InfillAsync(InfillRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (_template is not null)
        {
            var prompt = FimLayout.BuildText(_template, request);
            return GenerateAsync(prompt, suffix: null, raw: true, FimLayout.StopSequences(_template, request), request.MaxTokens, request.Temperature, request.TimeLimit, cancellationToken);
        }

        return GenerateAsync(request.Prefix, request.Suffix, raw: false, request.StopSequences, request.MaxTokens, request.Temperature, request.TimeLimit, cancellationToken);
    }

    public IAsyncEnumerable<CompletionChunk> CompleteAsync(RawCompletionRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return GenerateAsync(request.Prompt, suffix: null, raw: true, request.StopSequences, request.MaxTokens, request.Temperature, request.TimeLimit, cancellationToken);
    }

    private IAsyncEnumerable<CompletionChunk> GenerateAsync(
        string prompt, string? suffix, bool raw, IReadOnlyList<string> stop, int maxTokens, float temperature, TimeSpan? timeLimit, CancellationToken cancellationToken)
    {
        var modelOptions = OllamaWire.ModelOptions(_transport.Options, maxTokens, temperature, stop);
        var body = new JsonObject
        {
            ["model"] = _transport.Options.Model,
            ["prompt"] = prompt,
            ["stream"] = true,
            ["raw"] = raw,
            ["keep_alive"] = _transport.Options.KeepAlive,
            ["options"] = modelOptions,
        };
        if (suffix is not null)
        {
            body["suffix"] = suffix;
        }

        var promptTokens = TokenEstimator.Estimate(prompt) + TokenEstimator.Estimate(suffix);
        return StreamedCompletion.RunAsync(_transport, "api/generate", body, serverSentEvents: false, OllamaWire.ParseGenerate, timeLimit, promptTokens, cancellationToken);
    }
}
