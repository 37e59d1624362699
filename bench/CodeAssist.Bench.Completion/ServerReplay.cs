using System.Diagnostics;
using System.IO.Pipelines;
using System.Text.Json;
using CodeAssist.Context;
using CodeAssist.Features.Configuration;
using CodeAssist.Llm;
using CodeAssist.Server;
using CodeAssist.Server.Transport;
using Microsoft.CodeAnalysis.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using StreamJsonRpc;

namespace CodeAssist.Bench.Completion;

/// <summary>
/// The typing replay against the real server over JSON-RPC, as VS Code drives it: per keystroke an incremental
/// textDocument/didChange and a textDocument/inlineCompletion, the superseded request cancelled with $/cancelRequest.
/// The server is the product's composition (queue, document store, MSBuild workspace of Newtonsoft.Json, handlers)
/// over in-memory pipes; only its model is the replay's (scripted, or the local GGUF), so model calls can be measured.
/// </summary>
internal static class ServerReplay
{
    private static readonly TimeSpan LoadTimeout = TimeSpan.FromMinutes(5);

    public static async Task RunAsync(
        string repositoryRoot,
        IReadOnlyList<ReplayPosition> positions,
        IReadOnlyDictionary<string, string> originals,
        MeasuringModel model,
        ReplaySettings settings,
        CancellationToken cancellationToken)
    {
        // What `codeassist serve` composes (CodeAssist.Cli's ServerComposition), with the replay's model in place of
        // the configured ones.
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<IWorkspaceSession>(provider => new WorkspaceSession(provider.GetRequiredService<ILogger<WorkspaceSession>>()));
        services.AddSingleton<ICodeContextProvider, ContextCollector>();
        services.AddCodeAssistServer(new OptionsLoader(_ => null), new OptionsSources { UserSettingsPath = Path.Combine(Path.GetTempPath(), "codeassist-bench-no-settings", "settings.json") });
        services.AddSingleton<ILanguageModels>(new SingleModel(model));
        await using var provider = services.BuildServiceProvider();
        var toServer = new Pipe();
        var fromServer = new Pipe();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var server = Task.Run(() => LanguageServerHost.RunAsync(toServer.Reader.AsStream(), fromServer.Writer.AsStream(), provider, stop.Token), cancellationToken);
        using var rpc = new JsonRpc(new HeaderDelimitedMessageHandler(toServer.Writer.AsStream(), fromServer.Reader.AsStream(), new SystemTextJsonFormatter()));
        rpc.StartListening();

        var root = Path.GetFullPath(Path.Combine(repositoryRoot, BenchWorkspace.ProjectFolder));
        if (!File.Exists(Path.Combine(root, "obj", "project.assets.json")))
        {
            // Without a restore MSBuild resolves no references: every file would be full of errors and verification meaningless.
            throw new InvalidOperationException($"{root} is not restored (no obj/project.assets.json): run `dotnet restore -p:TargetFramework=net8.0` there first.");
        }

        var load = Stopwatch.StartNew();
        await rpc.InvokeWithParameterObjectAsync<JsonElement>("initialize", new
        {
            processId = Environment.ProcessId,
            rootUri = new Uri(root).AbsoluteUri,
            capabilities = new { textDocument = new { inlineCompletion = new { } } },
            initializationOptions = new { completion = new { maxTokens = settings.MaxTokens, coldLatencyMs = settings.ColdLatencyMs } },
        }, cancellationToken).ConfigureAwait(false);
        await rpc.NotifyWithParameterObjectAsync("initialized", new { }).ConfigureAwait(false);
        var workspace = await WaitForWorkspaceAsync(rpc, cancellationToken).ConfigureAwait(false);
        Console.WriteLine($"Server workspace: {workspace} in {load.ElapsedMilliseconds} ms (MSBuild load of {BenchWorkspace.ProjectFolder}).");

        var random = new Random(42);
        var outcomes = new List<KeystrokeOutcome>();
        var cold = new List<double>();
        var versions = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (position, index) in positions.Select((p, i) => (p, i)))
        {
            model.StartPosition(index, position.Needed);
            var uri = new Uri(Path.GetFullPath(Path.Combine(repositoryRoot, position.File))).AbsoluteUri;
            var original = originals[Path.GetFileName(position.File)];
            var text = SourceText.From(original.Remove(position.Start, position.LineRest.Length));
            await OpenOrReplaceAsync(rpc, uri, text.ToString(), versions, cancellationToken).ConfigureAwait(false);
            await ReplayPositionAsync(rpc, uri, text, position, settings, random, versions, outcomes, cold, cancellationToken).ConfigureAwait(false);
        }

        var stats = await rpc.InvokeWithParameterObjectAsync<JsonElement>("codeAssist/stats", new { }, cancellationToken).ConfigureAwait(false);
        await rpc.InvokeWithParameterObjectAsync<JsonElement?>("shutdown", null, cancellationToken).ConfigureAwait(false);
        await rpc.NotifyAsync("exit").ConfigureAwait(false);
        await stop.CancelAsync().ConfigureAwait(false);
        await server.WaitAsync(TimeSpan.FromSeconds(30), CancellationToken.None).ConfigureAwait(false);

        var keys = outcomes.Count;
        double Per100(int value) => 100.0 * value / Math.Max(1, keys);
        Console.WriteLine($"Over JSON-RPC: {positions.Count} positions, {keys} keystrokes (didChange + inlineCompletion each, superseded requests cancelled).");
        Console.WriteLine($"Keystroke-to-suggestion latency seen by the client: per keystroke {Percentiles.Format(outcomes.Where(o => o.Suggested).Select(o => o.LatencyMs).ToList())}; cold (first key to first suggestion) {Percentiles.Format(cold)}.");
        Console.WriteLine($"Suggestions per 100 keystrokes: {Per100(outcomes.Count(o => o.Suggested)):F1} (correct: {Per100(outcomes.Count(o => o.Correct)):F1}).");
        Console.WriteLine($"Server stats: {stats.GetRawText()}");
    }

    private static async Task ReplayPositionAsync(
        JsonRpc rpc,
        string uri,
        SourceText text,
        ReplayPosition position,
        ReplaySettings settings,
        Random random,
        Dictionary<string, int> versions,
        List<KeystrokeOutcome> outcomes,
        List<double> cold,
        CancellationToken cancellationToken)
    {
        var keys = Math.Min(settings.KeysPerPosition, position.LineRest.Length);
        await KeystrokeLoop.RunAsync(
            keys,
            settings,
            random,
            key =>
            {
                var at = text.Lines.GetLinePosition(position.Start + key - 1);
                var typed = position.LineRest[(key - 1)..key];
                text = text.WithChanges(new TextChange(new TextSpan(position.Start + key - 1, 0), typed));
                versions[uri]++;
                return rpc.NotifyWithParameterObjectAsync("textDocument/didChange", new
                {
                    textDocument = new { uri, version = versions[uri] },
                    contentChanges = new[] { new { range = new { start = new { line = at.Line, character = at.Character }, end = new { line = at.Line, character = at.Character } }, text = typed } },
                });
            },
            (key, jump, token) => RequestAsync(rpc, uri, text.Lines.GetLinePosition(position.Start + key), jump, position.LineRest[key..], token),
            outcomes,
            cold,
            cancellationToken).ConfigureAwait(false);
    }

    private static async Task<KeystrokeOutcome> RequestAsync(
        JsonRpc rpc, string uri, LinePosition caret, long jump, string stillToType, CancellationToken cancellationToken)
    {
        var stopwatch = Stopwatch.StartNew();
        try
        {
            var result = await rpc.InvokeWithParameterObjectAsync<JsonElement>("textDocument/inlineCompletion", new
            {
                textDocument = new { uri },
                position = new { line = caret.Line, character = caret.Character },
                context = new { triggerKind = 2 },
            }, cancellationToken).ConfigureAwait(false);
            var items = result.ValueKind == JsonValueKind.Object && result.TryGetProperty("items", out var list) ? list : result;
            if (cancellationToken.IsCancellationRequested || items.ValueKind != JsonValueKind.Array || items.GetArrayLength() == 0)
            {
                return new KeystrokeOutcome(false, 0, 0, false);
            }

            var suggestion = items[0].GetProperty("insertText").GetString() ?? "";
            return new KeystrokeOutcome(true, stopwatch.Elapsed.TotalMilliseconds, Stopwatch.GetElapsedTime(jump).TotalMilliseconds, stillToType.StartsWith(suggestion, StringComparison.Ordinal));
        }
        catch (Exception exception) when (exception is OperationCanceledException or RemoteInvocationException)
        {
            // Cancelled by the next keystroke (the server answers -32800), as in VS Code.
            return new KeystrokeOutcome(false, 0, 0, false);
        }
    }

    private static async Task OpenOrReplaceAsync(JsonRpc rpc, string uri, string text, Dictionary<string, int> versions, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (versions.TryGetValue(uri, out var version))
        {
            versions[uri] = version + 1;
            await rpc.NotifyWithParameterObjectAsync("textDocument/didChange", new
            {
                textDocument = new { uri, version = version + 1 },
                contentChanges = new[] { new { text } },
            }).ConfigureAwait(false);
            return;
        }

        versions[uri] = 1;
        await rpc.NotifyWithParameterObjectAsync("textDocument/didOpen", new
        {
            textDocument = new { uri, languageId = "csharp", version = 1, text },
        }).ConfigureAwait(false);
    }

    private static async Task<string> WaitForWorkspaceAsync(JsonRpc rpc, CancellationToken cancellationToken)
    {
        var waited = Stopwatch.StartNew();
        while (true)
        {
            var status = await rpc.InvokeWithParameterObjectAsync<JsonElement>("codeAssist/serverStatus", new { }, cancellationToken).ConfigureAwait(false);
            var workspace = status.GetProperty("workspace").GetString() ?? "";
            if (workspace is "Loaded" or "LoadedWithErrors" or "AdHoc")
            {
                return workspace;
            }

            if (waited.Elapsed > LoadTimeout)
            {
                throw new TimeoutException($"The server's workspace is still {workspace} after {LoadTimeout}.");
            }

            await Task.Delay(500, cancellationToken).ConfigureAwait(false);
        }
    }
}
