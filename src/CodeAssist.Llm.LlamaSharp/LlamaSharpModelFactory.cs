using CodeAssist.Llm;
using LLama;
using LLama.Common;
using LLama.Exceptions;
using LLama.Native;

namespace CodeAssist.Llm.LlamaSharp;

/// <summary>
/// Loads GGUF models in-process with LLamaSharp. Every failure is a <see cref="ModelLoadException"/> whose message
/// says what to do: the server keeps running without a model.
/// </summary>
public sealed class LlamaSharpModelFactory : ILocalModelFactory
{
    private const uint BatchSize = 512;
    private readonly TimeProvider _time;

    public LlamaSharpModelFactory()
        : this(TimeProvider.System)
    {
    }

    public LlamaSharpModelFactory(TimeProvider time)
    {
        _time = time;
    }

    /// <summary>The memory probe; tests replace it to exercise the not-enough-memory path.</summary>
    internal Func<long?> AvailableMemory { get; init; } = MemoryBudget.AvailableBytes;

    public async Task<ILocalModel> LoadAsync(LlmOptions options, IProgress<double>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (string.IsNullOrWhiteSpace(options.Model))
        {
            throw new ModelLoadException("No local model is configured. Set the model to a GGUF file path, or run `codeassist models pull`.");
        }

        string path = Path.GetFullPath(options.Model);
        GgufSummary summary = GgufHeaderReader.Read(path);
        int trained = summary.ContextLength > 0 ? summary.ContextLength : options.ContextSize;
        int contextSize = Math.Clamp(options.ContextSize > 0 ? options.ContextSize : 4096, 256, Math.Max(256, trained));
        long needed = MemoryBudget.EstimateBytes(summary, contextSize);
        if (AvailableMemory() is { } available && needed > available)
        {
            throw new ModelLoadException(
                $"Not enough memory for {Path.GetFileName(path)}: it needs about {Gib(needed)} GiB with a {contextSize}-token context, "
                + $"and {Gib(available)} GiB is available. Choose a smaller model or lower contextSize.");
        }

        LlamaNativeLibrary.EnsureConfigured(options.NativeLibraryPath);
        int threads = options.Threads > 0 ? options.Threads : CpuTopology.DefaultThreads();
        var parameters = new ModelParams(path)
        {
            LoadMode = LLamaLoadMode.MemoryMap,
            ContextSize = (uint)contextSize,
            Threads = threads,
            BatchThreads = threads,
            BatchSize = BatchSize,
            UBatchSize = BatchSize,
            // The bundled backend is CPU-only; a user-built library may be a GPU build, so offload everything to it.
            GpuLayerCount = string.IsNullOrWhiteSpace(options.NativeLibraryPath) ? 0 : 999,
        };

        LLamaWeights weights = await LoadWeightsAsync(parameters, summary, progress, cancellationToken).ConfigureAwait(false);
        try
        {
            LLamaContext context = CreateContext(weights, parameters, path);
            IReadOnlyList<LoraAdapterOptions> adapters;
            try
            {
                adapters = LoraAdapters.Apply(path, weights, context, options.LoraAdapters);
            }
            catch
            {
                context.Dispose();
                throw;
            }

            var session = new LlamaSession(context, _time);
            await session.CalibrateAsync(CalibrationPrompt(weights), cancellationToken).ConfigureAwait(false);
            _ = session.StartIndexingVocabulary();
            FimTokens? fim = FimTokenResolver.Resolve(weights, options.FimFormat);
            string? chatTemplate = weights.Metadata.GetValueOrDefault("tokenizer.chat_template");
            var info = new ModelInfo(
                $"{Path.GetFileName(path)}:{summary.FileSize}",
                "local",
                (int)context.ContextSize,
                fim is not null,
                fim?.Name,
                chatTemplate)
            {
                LoraAdapters = adapters,
            };
            return new LlamaLocalModel(weights, session, fim, info, options.RequestTimeout);
        }
        catch
        {
            weights.Dispose();
            throw;
        }
    }

    private static async Task<LLamaWeights> LoadWeightsAsync(ModelParams parameters, GgufSummary summary, IProgress<double>? progress, CancellationToken cancellationToken)
    {
        LlamaNativeLibrary.TakeRecentLog();
        try
        {
            var relay = progress is null ? null : new Progress<float>(p => progress.Report(p));
            return await LLamaWeights.LoadFromFileAsync(parameters, cancellationToken, relay).ConfigureAwait(false);
        }
        catch (Exception e) when (e is LoadWeightsFailedException or RuntimeError or InvalidOperationException)
        {
            IReadOnlyList<string> log = LlamaNativeLibrary.TakeRecentLog();
            string file = Path.GetFileName(parameters.ModelPath);
            if (log.Any(l => l.Contains("unknown model architecture", StringComparison.OrdinalIgnoreCase)))
            {
                throw new ModelLoadException(
                    $"{file} uses the '{summary.Architecture}' architecture, which the bundled llama.cpp does not support. "
                    + "Use a model of a supported architecture (llama, qwen2, ...) or set nativeLibraryPath to a newer libllama.", e);
            }

            string reason = log.LastOrDefault(l => l.Contains("error", StringComparison.OrdinalIgnoreCase)) ?? e.Message;
            throw new ModelLoadException($"llama.cpp could not load {file} ({summary.Architecture}): {reason}", e);
        }
        catch (DllNotFoundException e)
        {
            throw new ModelLoadException(
                $"The native llama library could not be loaded ({e.Message}). It needs libgomp.so.1 (apt-get install libgomp1) and a CPU LLamaSharp supports.", e);
        }
    }

    private static LLamaContext CreateContext(LLamaWeights weights, ModelParams parameters, string path)
    {
        try
        {
            return weights.CreateContext(parameters);
        }
        catch (Exception e) when (e is RuntimeError or InvalidOperationException)
        {
            throw new ModelLoadException(
                $"Could not create a {parameters.ContextSize}-token context for {Path.GetFileName(path)} (not enough memory?): {e.Message}", e);
        }
    }

    /// <summary>
    /// 48 tokens of ordinary C#: enough for a stable rate, short enough that a 7B model on a laptop CPU spends only a
    /// few seconds of its background load on it. Real requests refine the rate from then on.
    /// </summary>
    private static LLamaToken[] CalibrationPrompt(LLamaWeights weights)
    {
        const string Code = """
            public sealed class OrderTotals
            {
                private readonly List<decimal> _amounts = new();

                public decimal Total()
                {
                    decimal sum = 0;
                    foreach (var amount in _amounts)
                    {
                        sum += amount;
                    }

                    return sum;
                }
            }
            """;
        LLamaToken[] tokens = weights.Tokenize(Code, weights.Vocab.ShouldAddBOS, special: false, System.Text.Encoding.UTF8);
        return tokens.Length > 48 ? tokens[..48] : tokens;
    }

    private static string Gib(long bytes) => (bytes / (double)(1L << 30)).ToString("F1", System.Globalization.CultureInfo.InvariantCulture);
}
