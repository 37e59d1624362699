using System.Diagnostics;
using System.Text.Json;
using CodeAssist.Bench.Team;

// A team load benchmark (run by hand, not in CI): N real `codeassist serve` processes replay typing and explain
// requests at the same time against one OpenAI-compatible server on loopback (a scripted one unless --endpoint
// names a real one, e.g. llama-server), sharing a Redis response cache when redis-server is available.
var servers = IntArg("--servers", 8);
var keys = IntArg("--keys", 12);
var thinkMs = IntArg("--think-ms", 30);
var endpoint = StringArg("--endpoint");
var model = StringArg("--model") ?? "bench-model";
var useRedis = !args.Contains("--no-redis");
var root = RepositoryRoot();
var dll = StringArg("--dll") ?? Path.Combine(root, "src", "CodeAssist.Cli", "bin", "Debug", "net10.0", "codeassist.dll");
if (!File.Exists(dll))
{
    Console.Error.WriteLine($"{dll} is missing: run `dotnet build src/CodeAssist.Cli` first.");
    return 2;
}

var scratch = Directory.CreateTempSubdirectory("codeassist-team-bench-").FullName;
using var scripted = endpoint is null ? new ScriptedModelServer(TimeSpan.FromMilliseconds(thinkMs)) : null;
endpoint ??= scripted!.Endpoint;
Process? redis = null;
var environment = new Dictionary<string, string>();
if (useRedis && FindOnPath("redis-server") is { } redisServer)
{
    var port = ScriptedModelServer.FreePort();
    redis = Process.Start(new ProcessStartInfo(redisServer, ["--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"]) { RedirectStandardOutput = true, UseShellExecute = false });
    environment["BENCH_REDIS"] = $"127.0.0.1:{port}";
    await Task.Delay(500);
}

try
{
    var workspace = Path.Combine(scratch, "workspace");
    Directory.CreateDirectory(workspace);
    var source = BenchSource.Text;
    var file = Path.Combine(workspace, "Ledger.cs");
    File.WriteAllText(file, source);
    var settings = JsonSerializer.Serialize(new { provider = "openai", endpoint, model, infillMode = "prompt", fimFormat = "qwen2.5-coder", cache = new { redis = environment.ContainsKey("BENCH_REDIS") ? "BENCH_REDIS" : null } });
    Console.WriteLine($"{servers} servers x {keys} keystrokes + 3 explains each, model server {(scripted is null ? endpoint : $"scripted ({thinkMs} ms per request)")}, shared cache {(redis is null ? "off (no redis-server on PATH)" : "Redis")}.");

    var started = Stopwatch.StartNew();
    var sessions = await Task.WhenAll(Enumerable.Range(0, servers).Select(async index =>
    {
        var home = Path.Combine(scratch, $"user{index}");
        Directory.CreateDirectory(Path.Combine(home, "config", "codeassist"));
        File.WriteAllText(Path.Combine(home, "config", "codeassist", "settings.json"), settings);
        return await ServerSession.StartAsync(dll, home, workspace, environment, CancellationToken.None);
    }));
    Console.WriteLine($"Started and loaded {servers} servers in {started.Elapsed.TotalSeconds:F1} s.");

    var uri = new Uri(file).AbsoluteUri;
    var lines = source.Split('\n');
    var typedLine = Array.FindIndex(lines, l => l.Contains("// type here", StringComparison.Ordinal));
    var members = lines.Select((l, i) => (l, i)).Where(p => p.l.TrimStart().StartsWith("public decimal", StringComparison.Ordinal) || p.l.Contains("void Reset", StringComparison.Ordinal)).Select(p => p.i).ToList();
    var clients = sessions.Select((s, i) => new TypingClient(s, uri, source, typedLine, "_total = 0m;", [.. members.Skip(i % members.Count), .. members.Take(i % members.Count)])).ToList();
    var replay = Stopwatch.StartNew();
    await Task.WhenAll(clients.Select(c => c.RunAsync(keys, CancellationToken.None)));
    replay.Stop();
    await Task.WhenAll(sessions.Select(s => s.DisposeAsync().AsTask()));

    var sent = clients.Sum(c => c.Sent);
    var answered = clients.Sum(c => c.Answered);
    var explains = clients.Sum(c => c.Explains);
    var hits = clients.Sum(c => c.CacheHits);
    Console.WriteLine($"Replay: {replay.Elapsed.TotalSeconds:F1} s. Requests answered: {answered}/{sent}.");
    Console.WriteLine($"inlineCompletion latency: {Percentiles.Format([.. clients.SelectMany(c => c.CompletionMs)])}");
    Console.WriteLine($"explain latency: {Percentiles.Format([.. clients.SelectMany(c => c.ExplainMs)])}");
    Console.WriteLine($"Explain answers from the cache: {hits}/{explains} ({100.0 * hits / Math.Max(1, explains):F0}%).");
    if (scripted is not null)
    {
        Console.WriteLine($"Model server calls: {scripted.ChatCalls} chat, {scripted.CompletionCalls} completions.");
    }

    return answered == sent ? 0 : 1;
}
finally
{
    if (redis is { HasExited: false })
    {
        redis.Kill();
    }

    redis?.Dispose();
    Directory.Delete(scratch, recursive: true);
}

int IntArg(string name, int fallback) => StringArg(name) is { } text && int.TryParse(text, out var value) ? value : fallback;

string? StringArg(string name) => Array.IndexOf(args, name) is var at and >= 0 && at + 1 < args.Length ? args[at + 1] : null;

static string? FindOnPath(string name) =>
    (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator).Select(d => Path.Combine(d, name)).FirstOrDefault(File.Exists);

static string RepositoryRoot()
{
    for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
    {
        if (File.Exists(Path.Combine(directory.FullName, "CodeAssist.sln")))
        {
            return directory.FullName;
        }
    }

    return Directory.GetCurrentDirectory();
}
