using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using CodeAssist.Context;
using Microsoft.Extensions.Logging.Abstractions;

namespace CodeAssist.Bench.Context;

/// <summary>
/// Recall of the context engine on mined cross-file completion points, next to a BM25 baseline, plus latency and RSS.
/// Usage: dotnet run -c Release --project bench/CodeAssist.Bench.Context -- [--data DIR]... [--repos DIR] [--only NAME] [--limit N] [--misses] [--budgets 256,512,1024]
/// Mining: dotnet run -c Release --project bench/CodeAssist.Bench.Context -- mine REPO_DIR PROJECT OUTPUT [--max N] [--repo OWNER/NAME] [--commit SHA]
/// </summary>
internal static class Program
{
    // Token budgets measured (--budgets 256,512,...); --misses lists the misses at 1024 when it is measured, else at the first.
    private static int[] Budgets = [512, 1024, 2048];

    // --digest N: also measure the project digest of N tokens (the prompt prefix shared by every request), alone and
    // together with the context at each budget.
    private static int DigestTokens;

    private static bool Dump { get; set; }

    private static string? FileFilter { get; set; }

    private static async Task<int> Main(string[] args)
    {
        if (args.Length >= 4 && args[0] == "mine")
        {
            var max = int.Parse(Option(args, "--max") ?? "300", CultureInfo.InvariantCulture);
            return await PointMiner.MineAsync(args[1], args[2], args[3], max, Option(args, "--repo"), Option(args, "--commit"));
        }

        var dataFolders = Options(args, "--data");
        if (dataFolders.Count == 0)
        {
            dataFolders.Add(Path.Combine(FindUp("shared") ?? "shared", "bench", "context"));
        }

        var repos = Option(args, "--repos")
            ?? Environment.GetEnvironmentVariable("CODEASSIST_BENCH_REPOS")
            ?? Path.Combine(Path.GetDirectoryName(FindUp("shared")) ?? ".", "benchrepos");
        var only = Option(args, "--only");
        var limit = int.Parse(Option(args, "--limit") ?? "100000", CultureInfo.InvariantCulture);
        var showMisses = args.Contains("--misses");
        if (Option(args, "--budgets") is { } budgets)
        {
            Budgets = budgets.Split(',').Select(b => int.Parse(b, CultureInfo.InvariantCulture)).ToArray();
        }

        Dump = args.Contains("--dump");
        DigestTokens = int.Parse(Option(args, "--digest") ?? "0", CultureInfo.InvariantCulture);
        FileFilter = Option(args, "--file");
        // Every .jsonl file of every data folder is one repository, checked out at <repos>/<file name>.
        var known = new[] { "serilog", "polly", "newtonsoft.json" };
        var datasets = dataFolders.SelectMany(d => Directory.GetFiles(d, "*.jsonl"))
            .OrderBy(f => Array.IndexOf(known, Path.GetFileNameWithoutExtension(f)) is var i && i < 0 ? int.MaxValue : i)
            .ThenBy(f => Path.GetFileName(f), StringComparer.Ordinal).ToList();
        Console.WriteLine($"data {string.Join(", ", dataFolders)}, repositories {repos} (see bench/CodeAssist.Bench.Context/README.md)");
        foreach (var file in datasets)
        {
            var name = Path.GetFileNameWithoutExtension(file);
            if (only is null || only == name)
            {
                await RunAsync(name, file, Path.Combine(repos, name), limit, showMisses, measureLatency: true);
            }
        }

        return 0;
    }

    private static async Task RunAsync(string name, string dataFile, string repoRoot, int limit, bool showMisses, bool measureLatency)
    {
        var points = File.ReadLines(dataFile).Select(l => JsonSerializer.Deserialize<MinedPoint>(l)!)
            .Where(p => FileFilter is null || p.File.Contains(FileFilter, StringComparison.Ordinal)).Take(limit).ToList();
        var options = new WorkspaceSessionOptions
        {
            GlobalProperties = new Dictionary<string, string> { ["TargetFramework"] = "net8.0", ["WarningsNotAsErrors"] = "NU1603" },
        };
        using var session = new WorkspaceSession(NullLogger<WorkspaceSession>.Instance, options);
        var load = Stopwatch.StartNew();
        await session.LoadAsync(Path.Combine(repoRoot, points[0].Project), progress: null, CancellationToken.None);
        load.Stop();
        var collector = new ContextCollector(session: session);

        // Warm the compilations once so that the first point does not pay for the whole project.
        foreach (var project in session.CurrentSolution.Projects)
        {
            await project.GetCompilationAsync();
        }

        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        var rssMb = Process.GetCurrentProcess().WorkingSet64 / (1024.0 * 1024);
        var projectFiles = session.CurrentSolution.Projects
            .SelectMany(p => p.Documents).Select(d => d.FilePath).OfType<string>()
            .Where(p => p.EndsWith(".cs", StringComparison.Ordinal) && !p.Contains("/obj/", StringComparison.Ordinal)
                && !p.Contains("test", StringComparison.OrdinalIgnoreCase))
            .Distinct().ToList();
        var baseline = new Bm25Baseline(projectFiles.Select(p => (p, File.ReadAllText(p))));

        var hits = Budgets.ToDictionary(b => b, _ => 0);
        var baselineHits = Budgets.ToDictionary(b => b, _ => 0);
        var withDigestHits = Budgets.ToDictionary(b => b, _ => 0);
        var digestHits = 0;
        var digestTokens = 0;
        var byKind = new Dictionary<string, (int Hits, int Total)>();
        var unchanged = new List<(double Wall, double Cpu)>();
        var afterEdit = new List<(double Wall, double Cpu)>();
        var skipped = 0;
        var measured = 0;
        foreach (var point in points)
        {
            var path = Path.Combine(repoRoot, point.File);
            var text = File.Exists(path) ? File.ReadAllText(path).TrimStart('\uFEFF') : "";
            if (text.Length < point.Offset + point.Token.Length || string.CompareOrdinal(text, point.Offset, point.Token, 0, point.Token.Length) != 0
                || string.CompareOrdinal(text, point.Offset, point.Hole, 0, point.Hole.Length) != 0)
            {
                skipped++;
                continue;
            }

            measured++;
            var holed = text.Remove(point.Offset, point.Hole.Length);
            session.OpenDocument(path, holed);
            var wholeWord = new Regex($@"\b{Regex.Escape(point.Token)}\b");
            var digest = DigestTokens <= 0 ? null : await collector.GetProjectDigestAsync(session.GetDocument(path)!, DigestTokens, EstimatingTokenCounter.Instance, CancellationToken.None);
            var inDigest = digest is not null && wholeWord.IsMatch(digest.RenderedText);
            digestHits += inDigest ? 1 : 0;
            digestTokens = digest?.TokenCount ?? 0;
            if (Dump && digest is not null && measured == 1)
            {
                Console.WriteLine(digest.RenderedText);
            }
            foreach (var budget in Budgets)
            {
                var document = session.GetDocument(path)!;
                var cpu = Process.GetCurrentProcess().TotalProcessorTime;
                var clock = Stopwatch.StartNew();
                var context = await collector.GetContextAsync(document, point.Offset, budget, CancellationToken.None);
                var sample = (clock.Elapsed.TotalMilliseconds, (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds);
                if (budget != Budgets[0])
                {
                    unchanged.Add(sample);
                }

                var hit = wholeWord.IsMatch(context.RenderedText);
                hits[budget] += hit ? 1 : 0;
                withDigestHits[budget] += hit || inDigest ? 1 : 0;
                if (budget == 1024)
                {
                    var kind = byKind.GetValueOrDefault(point.SymbolKind);
                    byKind[point.SymbolKind] = (kind.Hits + (hit ? 1 : 0), kind.Total + 1);
                }

                if (budget == (Budgets.Contains(1024) ? 1024 : Budgets[0]) && !hit && showMisses)
                {
                    Console.WriteLine($"MISS {point.File}:{point.Line + 1}:{point.Character + 1} {point.Token} ({point.SymbolKind} {point.Symbol} in {point.DeclFile}) line: {holed[..point.Offset].Split('\n')[^1].Trim()}");
                    if (Dump)
                    {
                        Console.WriteLine(context.RenderedText);
                    }
                }

                var lineStart = text.LastIndexOf('\n', Math.Max(0, point.Offset - 1));
                var queryStart = lineStart;
                for (var i = 0; i < 9 && queryStart > 0; i++)
                {
                    queryStart = text.LastIndexOf('\n', queryStart - 1);
                }

                var query = holed[(queryStart + 1)..point.Offset];
                baselineHits[budget] += wholeWord.IsMatch(baseline.Retrieve(query, path, budget)) ? 1 : 0;
            }

            // An edit (a space at the hole) then a request: the latency a user sees while typing.
            session.ChangeDocument(path, [new DocumentTextChange(point.Offset, 0, " ")]);
            if (measureLatency)
            {
                var cpu = Process.GetCurrentProcess().TotalProcessorTime;
                var clock = Stopwatch.StartNew();
                await collector.GetContextAsync(session.GetDocument(path)!, point.Offset + 1, 1024, CancellationToken.None);
                afterEdit.Add((clock.Elapsed.TotalMilliseconds, (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds));
            }

            session.CloseDocument(path);
        }

        Console.WriteLine($"== {name}: {measured} points ({skipped} skipped: line moved), load {load.Elapsed.TotalSeconds:0.0} s, state {session.LoadState}, RSS after load {rssMb:0} MB");
        Console.WriteLine($"   recall   {string.Join(" / ", Budgets)}: context {string.Join(" / ", Budgets.Select(b => Ratio(hits[b], measured)))}   BM25 {string.Join(" / ", Budgets.Select(b => Ratio(baselineHits[b], measured)))}");
        if (DigestTokens > 0)
        {
            Console.WriteLine($"   project digest of {digestTokens} tokens: alone {Ratio(digestHits, measured)}; context + digest {string.Join(" / ", Budgets.Select(b => Ratio(withDigestHits[b], measured)))}");
        }

        Console.WriteLine($"   at 1024 by kind: {string.Join(", ", byKind.OrderBy(k => k.Key).Select(k => $"{k.Key} {Ratio(k.Value.Hits, k.Value.Total)} ({k.Value.Total})"))}");
        if (measureLatency)
        {
            Console.WriteLine($"   latency unchanged document: wall p50 {P(unchanged, 50, w: true)} p95 {P(unchanged, 95, w: true)} ms, cpu p50 {P(unchanged, 50, w: false)} p95 {P(unchanged, 95, w: false)} ms (n={unchanged.Count})");
            Console.WriteLine($"   latency after an edit:      wall p50 {P(afterEdit, 50, w: true)} p95 {P(afterEdit, 95, w: true)} ms, cpu p50 {P(afterEdit, 50, w: false)} p95 {P(afterEdit, 95, w: false)} ms (n={afterEdit.Count})");
        }
    }

    private static string Ratio(int hits, int total) => total == 0 ? "-" : ((double)hits / total).ToString("0.00", CultureInfo.InvariantCulture);

    private static string P(List<(double Wall, double Cpu)> samples, int percentile, bool w)
    {
        var sorted = samples.Select(s => w ? s.Wall : s.Cpu).Order().ToList();
        return sorted.Count == 0 ? "-" : sorted[Math.Min(sorted.Count - 1, sorted.Count * percentile / 100)].ToString("0.0", CultureInfo.InvariantCulture);
    }

    private static List<string> Options(string[] args, string name) =>
        args.Select((a, i) => (a, i)).Where(x => x.a == name && x.i + 1 < args.Length).Select(x => args[x.i + 1]).ToList();

    private static string? Option(string[] args, string name)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }

    private static string? FindUp(string folder)
    {
        for (var dir = AppContext.BaseDirectory; dir is not null; dir = Path.GetDirectoryName(dir))
        {
            var candidate = Path.Combine(dir, folder);
            if (Directory.Exists(Path.Combine(candidate, "bench")))
            {
                return candidate;
            }
        }

        return null;
    }
}
