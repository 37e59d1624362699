using System.Diagnostics;
using System.Text;
using CodeAssist.Llm;
using CodeAssist.Llm.LlamaSharp;
using LLama.Native;

namespace CodeAssist.Bench.Llm;

/// <summary>
/// Loads one model and measures: load time, prompt evaluation and generation speed, and the time to first token of
/// a request that shares 95% of a 1000-token prompt with the previous one, with the KV prefix reused and without.
/// </summary>
internal static class LlmBenchmark
{
    private const int PromptLength = 1000;
    private const int SharedLength = 950;
    private const int GenerateTokens = 64;
    private const int Repeats = 3;

    public static async Task<Measurements> RunAsync(string modelPath, int threads, string? tokenDump, CancellationToken cancellationToken)
    {
        var options = new LlmOptions { Model = modelPath, ContextSize = 2048, Threads = threads, RequestTimeout = TimeSpan.FromMinutes(5) };
        var stopwatch = Stopwatch.StartNew();
        using var model = (LlamaLocalModel)await new LlamaSharpModelFactory().LoadAsync(options, null, cancellationToken);
        double loadMs = stopwatch.Elapsed.TotalMilliseconds;
        LlamaSession session = model.Session;

        string sample = SampleCode.Generate(40);
        LLamaToken[] code = model.Weights.Tokenize(sample, add_bos: false, special: false, Encoding.UTF8);
        LLamaToken[] other = model.Weights.Tokenize(SampleCode.Generate(40).Replace("Repository", "Store", StringComparison.Ordinal), add_bos: false, special: false, Encoding.UTF8);
        if (tokenDump is not null)
        {
            // run.sh compares these ids with the reference tokenizer's encoding of the same text.
            await File.WriteAllTextAsync(tokenDump + ".cs", sample, cancellationToken);
            await File.WriteAllTextAsync(tokenDump + ".ids", string.Join(',', code.Select(t => (int)t)), cancellationToken);
        }

        if (code.Length < PromptLength + 100)
        {
            throw new InvalidOperationException($"The sample code has only {code.Length} tokens.");
        }

        LLamaToken[] promptA = code[..PromptLength];
        LLamaToken[] promptB = [.. code[..SharedLength], .. other[^(PromptLength - SharedLength)..]];

        // Prompt speed: a cold 1000-token prefill (one token generated).
        await session.ClearCacheAsync();
        double prefillMs = await TimeAsync(session, promptA, 1, cancellationToken);

        // Generation speed: the same prompt again (one token re-evaluated), then 64 tokens.
        double firstOnlyMs = await TimeAsync(session, promptA, 1, cancellationToken);
        (double generateMs, CompletionUsage usage) = await TimeWithUsageAsync(session, promptA, GenerateTokens, cancellationToken);
        int generated = Math.Max(1, usage.GeneratedTokens - 1);
        double generationRate = generated / Math.Max(1e-3, (generateMs - firstOnlyMs) / 1000);

        var withReuse = new List<double>();
        var withoutReuse = new List<double>();
        int evaluated = 0;
        for (int i = 0; i < Repeats; i++)
        {
            await TimeAsync(session, promptA, 1, cancellationToken);
            (double ms, CompletionUsage reused) = await TimeWithUsageAsync(session, promptB, 1, cancellationToken);
            withReuse.Add(ms);
            evaluated = reused.EvaluatedPromptTokens;

            await session.ClearCacheAsync();
            withoutReuse.Add(await TimeAsync(session, promptB, 1, cancellationToken));
        }

        (double rss, double peak) = ProcessMemory.Read();
        return new Measurements(
            Path.GetFileName(modelPath),
            new FileInfo(modelPath).Length / 1048576.0,
            sample.Length / (double)code.Length,
            threads > 0 ? threads : CpuTopology.DefaultThreads(),
            loadMs,
            PromptLength,
            PromptLength / (prefillMs / 1000),
            generated,
            generationRate,
            SharedLength,
            evaluated,
            Median(withReuse),
            Median(withoutReuse),
            rss,
            peak);
    }

    private static async Task<double> TimeAsync(LlamaSession session, LLamaToken[] prompt, int maxTokens, CancellationToken cancellationToken) =>
        (await TimeWithUsageAsync(session, prompt, maxTokens, cancellationToken)).Ms;

    private static async Task<(double Ms, CompletionUsage Usage)> TimeWithUsageAsync(LlamaSession session, LLamaToken[] prompt, int maxTokens, CancellationToken cancellationToken)
    {
        var stopwatch = Stopwatch.StartNew();
        CompletionUsage usage = await session.RunAsync(new GenerationRequest(prompt, maxTokens, [], 0f, 1, null), _ => { }, cancellationToken);
        return (stopwatch.Elapsed.TotalMilliseconds, usage);
    }

    private static double Median(List<double> values)
    {
        values.Sort();
        return values[values.Count / 2];
    }
}
