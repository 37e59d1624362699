using System.Globalization;
using CodeAssist.Features.Configuration;

namespace CodeAssist.Bench.Completion;

/// <summary>
/// Inline completion benchmarks on Newtonsoft.Json (fetched outside the repository):
///   verify [--points FILE] [--limit N] [--budget-ms MS]       verification accept/reject on mined points
///   (CODEASSIST_BENCH_CALLS=1 lists every model call of a replay; CODEASSIST_BENCH_MISSES=1 prints the context of
///   each cold prompt that lacks the needed name)
///   replay [--latency-ms MS] [--token-ms MS] [--positions N] [--keys N] [--accuracy P] [--model GGUF --threads N] [--cold-ms MS] [--server] [--unconstrained | --compare] [--pause-ms MS]
///          [--dwell-ms MS] [--prompt-tps N] [--no-prefill] [--digest-tokens N] [--mined [--points FILE]]
///                                                             (--mined: retype mined cross-file points, and count the
///                                                             cold prompts that hold the needed identifier)
///                                                             typing replay against the in-process pipeline, or with
///                                                             --server against the real server over JSON-RPC
///   first-verify [--no-warmup] [--samples N] [--points FILE]  the first verification of a fresh process against
///                                                             the warm ones, with or without the server's warm-up
///   names [--sample DIR] [--iterations N]                    checking the code names of a 500-word answer
///                                                             (default: samples/Inventory)
/// Common: --repo DIR (default $CODEASSIST_BENCH_REPOS/Newtonsoft.Json, else benchrepos/Newtonsoft.Json beside
/// the shared folder); --points FILE (default shared/bench/context/newtonsoft.json.jsonl, found upwards).
/// </summary>
internal static class Program
{
    private static async Task<int> Main(string[] args)
    {
        if (args.Length == 0 || args[0] is not ("verify" or "replay" or "names" or "first-verify"))
        {
            Console.Error.WriteLine("usage: CodeAssist.Bench.Completion verify|replay|names|first-verify [--repo DIR] [options]");
            return 2;
        }

        if (args[0] == "names")
        {
            return await NamesBench.RunAsync(Option(args, "--sample", "samples/Inventory"), Number(args, "--iterations", 200));
        }

        var repository = Option(args, "--repo", DefaultRepository());
        using var cancel = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            cancel.Cancel();
        };

        if (args[0] == "verify")
        {
            return await VerificationBench.RunAsync(
                repository,
                Option(args, "--points", DefaultPoints()),
                Number(args, "--limit", 300),
                TimeSpan.FromMilliseconds(Number(args, "--budget-ms", 2000)),
                cancel.Token);
        }

        if (args[0] == "first-verify")
        {
            return await FirstVerificationBench.RunAsync(
                repository,
                Option(args, "--points", DefaultPoints()),
                warmUp: !args.Contains("--no-warmup"),
                Number(args, "--samples", 20),
                cancel.Token);
        }

        return await TypingReplay.RunAsync(
            repository,
            new ReplaySettings
            {
                FirstTokenLatency = TimeSpan.FromMilliseconds(Number(args, "--latency-ms", 150)),
                PerTokenLatency = TimeSpan.FromMilliseconds(Number(args, "--token-ms", 5)),
                Positions = Number(args, "--positions", 30),
                KeysPerPosition = Number(args, "--keys", 40),
                Accuracy = Number(args, "--accuracy", 60) / 100.0,
                ModelPath = Array.IndexOf(args, "--model") >= 0 ? Option(args, "--model", "") : null,
                Threads = Number(args, "--threads", 2),
                ColdLatencyMs = Number(args, "--cold-ms", 1500),
                OverJsonRpc = args.Contains("--server"),
                Unconstrained = args.Contains("--unconstrained"),
                Compare = args.Contains("--compare"),
                PauseAfterLastKeyMs = Number(args, "--pause-ms", 1000),
                PromptTokensPerSecond = Number(args, "--prompt-tps", 0),
                DwellMs = Number(args, "--dwell-ms", 0),
                NoPrefill = args.Contains("--no-prefill"),
                DigestTokens = Number(args, "--digest-tokens", new ContextOptions().ProjectDigestTokens),
                PointsFile = args.Contains("--mined") ? Option(args, "--points", DefaultPoints()) : null,
            },
            cancel.Token);
    }

    // Inputs live outside the repository: the shared folder (found upwards from the binary) and the fetched checkouts.
    private static string DefaultRepository() =>
        Path.Combine(
            Environment.GetEnvironmentVariable("CODEASSIST_BENCH_REPOS") ?? Path.Combine(Path.GetDirectoryName(SharedFolder()) ?? ".", "benchrepos"),
            "Newtonsoft.Json");

    private static string DefaultPoints() => Path.Combine(SharedFolder() ?? "shared", "bench", "context", "newtonsoft.json.jsonl");

    private static string? SharedFolder()
    {
        for (var dir = AppContext.BaseDirectory; dir is not null; dir = Path.GetDirectoryName(dir))
        {
            if (Directory.Exists(Path.Combine(dir, "shared", "bench")))
            {
                return Path.Combine(dir, "shared");
            }
        }

        return null;
    }

    private static string Option(string[] args, string name, string fallback)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : fallback;
    }

    private static int Number(string[] args, string name, int fallback) =>
        int.Parse(Option(args, name, fallback.ToString(CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture);
}
