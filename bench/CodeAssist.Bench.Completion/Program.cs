using System.Globalization;

namespace CodeAssist.Bench.Completion;

/// <summary>
/// Inline completion benchmarks on Newtonsoft.Json (fetched outside the repository):
///   verify [--points FILE] [--limit N] [--budget-ms MS]       verification accept/reject on mined points
///   (CODEASSIST_BENCH_CALLS=1 lists every model call of a replay)
///   replay [--latency-ms MS] [--token-ms MS] [--positions N] [--keys N] [--accuracy P] [--model GGUF --threads N] [--cold-ms MS] [--server] [--unconstrained | --compare] [--pause-ms MS]
///                                                             typing replay against the in-process pipeline, or with
///                                                             --server against the real server over JSON-RPC
///   names [--sample DIR] [--iterations N]                    checking the code names of a 500-word answer
///                                                             (default: samples/Inventory)
/// Common: --repo DIR (default /work/benchrepos/Newtonsoft.Json).
/// </summary>
internal static class Program
{
    private static async Task<int> Main(string[] args)
    {
        if (args.Length == 0 || args[0] is not ("verify" or "replay" or "names"))
        {
            Console.Error.WriteLine("usage: CodeAssist.Bench.Completion verify|replay|names [--repo DIR] [options]");
            return 2;
        }

        if (args[0] == "names")
        {
            return await NamesBench.RunAsync(Option(args, "--sample", "samples/Inventory"), Number(args, "--iterations", 200));
        }

        var repository = Option(args, "--repo", "/work/benchrepos/Newtonsoft.Json");
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
                Option(args, "--points", "/work/shared/bench/context/newtonsoft.json.jsonl"),
                Number(args, "--limit", 300),
                TimeSpan.FromMilliseconds(Number(args, "--budget-ms", 2000)),
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
            },
            cancel.Token);
    }

    private static string Option(string[] args, string name, string fallback)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : fallback;
    }

    private static int Number(string[] args, string name, int fallback) =>
        int.Parse(Option(args, name, fallback.ToString(CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture);
}
