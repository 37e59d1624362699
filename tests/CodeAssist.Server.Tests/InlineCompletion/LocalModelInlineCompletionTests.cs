using System.Text.Json;
using CodeAssist.Gguf;
using CodeAssist.Llm;
using CodeAssist.Llm.LlamaSharp;
using CodeAssist.Server.Tests.EndToEnd;
using CodeAssist.Server.Tests.Infrastructure;
using CodeAssist.TestUtilities;
using CodeAssist.TestUtilities.InlineCompletion;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace CodeAssist.Server.Tests.InlineCompletion;

/// <summary>
/// The real server with the real LLamaSharp provider on a generated random-weight GGUF. Its text is noise, so
/// verification is off here; what is checked is the plumbing: an item comes back, and the cache and typing-through
/// answer later keystrokes without another model call.
/// </summary>
public sealed class LocalModelInlineCompletionTests
{
    private const string Uri = "file:///tmp/completion-local/Counter.cs";
    private const string Source = "sealed class Counter\n{\n    private int count;\n\n    public int Next()\n    {\n        return count\n    }\n}\n";

    [Fact]
    public async Task GeneratedGguf_IncompatibleEditDuringPrefill_CancelsTheGeneration()
    {
        // A long file and a 24M-parameter model on one thread: the prefill of ~1,300 prompt tokens takes a while.
        var methods = string.Concat(Enumerable.Range(0, 60).Select(i => $"    public int Method{i}(int value) => value * {i} + count;\n"));
        var source = "sealed class Counter\n{\n    private int count;\n" + methods + "\n    public int Next()\n    {\n        return count\n    }\n}\n";
        var line = source.Split('\n').ToList().FindIndex(l => l.EndsWith("return count", StringComparison.Ordinal));
        var path = Path.Combine(Path.GetTempPath(), $"codeassist-completion-{Guid.NewGuid():N}.gguf");
        RandomModel.Build(ModelShape.SmallQwen2, TinyVocabulary.Create(), GgmlType.F16, 3).WriteTo(path);
        try
        {
            using var local = await new LlamaSharpModelFactory().LoadAsync(
                new LlmOptions { Model = path, ContextSize = 4096, Threads = 1 }, null, CancellationToken.None);
            var model = new CountingCompletionModel(local.Completion);
            await using var server = InProcessServer.Start(services => services.AddSingleton<ILanguageModels>(new FakeLanguageModels(model)));
            await server.Client.InitializeAsync(
                new { textDocument = new { inlineCompletion = new { } } },
                new { completion = new { verify = false, debounceMs = 0, maxTokens = 8 } });
            await server.Client.OpenAsync(Uri, source);
            var started = model.Started.Task;

            var first = await server.Client.StartRequestAsync(
                "textDocument/inlineCompletion",
                new { textDocument = new { uri = Uri }, position = new { line, character = 20 }, context = new { triggerKind = 1 } },
                server.Client.NextId());
            await started.WaitAsync(LspTestClient.Timeout);
            await server.Client.NotifyAsync("textDocument/didChange", new
            {
                textDocument = new { uri = Uri, version = 2 },
                contentChanges = new[] { new { range = new { start = new { line = 0, character = 0 }, end = new { line = 0, character = 0 } }, text = "// edited\n" } },
            });
            var second = await server.Client.RequestAsync(
                "textDocument/inlineCompletion",
                new { textDocument = new { uri = Uri }, position = new { line = line + 1, character = 20 }, context = new { triggerKind = 1 } });

            ResponseAssert.Result(second);
            await first.WaitAsync(LspTestClient.Timeout);
            Assert.Equal(2, model.Calls);
            Assert.Equal(1, model.CancelledCalls);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task GeneratedGguf_KeystrokeThatDivergesFromTheSuggestion_EvaluatesOnlyTheTypedTokens()
    {
        await using var tiny = await TinyModelServer.StartAsync();
        var first = await tiny.CompleteAsync(character: 20, triggerKind: 1);
        var suggestion = first.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("insertText").GetString()).FirstOrDefault() ?? "";

        // A character the suggestion does not start with: no typing-through, so the model is asked again.
        await tiny.TypeAtCaretAsync(suggestion.StartsWith('x') ? "y" : "x");
        await tiny.CompleteAsync(character: 21, triggerKind: 2);

        Assert.Equal(2, tiny.Model.Calls);
        var usages = tiny.Model.Usages.ToArray();
        Assert.Equal(2, usages.Length);
        Assert.True(usages[0].EvaluatedPromptTokens > 40, usages[0].ToString());

        // The line being typed is the end of the prompt: everything before it comes from the KV cache.
        Assert.InRange(usages[1].EvaluatedPromptTokens, 1, 3);
        Assert.Equal(usages[0].PromptTokens + 1, usages[1].PromptTokens);
    }

    [Fact]
    public async Task GeneratedGguf_ItemThenCacheThenTypingThrough_WithoutFurtherModelCalls()
    {
        await using var tiny = await TinyModelServer.StartAsync();

        var first = await tiny.CompleteAsync(character: 20, triggerKind: 1);
        var insertText = Assert.Single(first.GetProperty("items").EnumerateArray()).GetProperty("insertText").GetString()!;
        Assert.Equal(1, tiny.Model.Calls);

        var again = await tiny.CompleteAsync(character: 20, triggerKind: 1);
        Assert.Equal(insertText, Assert.Single(again.GetProperty("items").EnumerateArray()).GetProperty("insertText").GetString());

        // Typing the suggestion's first character: the remainder comes from typing-through.
        Assert.True(insertText.Length > 1, $"the generated model's suggestion is too short to type through: '{insertText}'");
        await tiny.TypeAtCaretAsync(insertText[..1]);
        var through = await tiny.CompleteAsync(character: 21, triggerKind: 2);
        Assert.Equal(insertText[1..], Assert.Single(through.GetProperty("items").EnumerateArray()).GetProperty("insertText").GetString());

        Assert.Equal(1, tiny.Model.Calls);
    }

    /// <summary>The in-process server over a generated tiny qwen2 GGUF (verification off: its text is noise), with <see cref="Source"/> open.</summary>
    private sealed class TinyModelServer : IAsyncDisposable
    {
        private readonly string _path;
        private readonly ILocalModel _local;
        private readonly InProcessServer _server;

        private TinyModelServer(string path, ILocalModel local, CountingCompletionModel model, InProcessServer server)
        {
            _path = path;
            _local = local;
            Model = model;
            _server = server;
        }

        public CountingCompletionModel Model { get; }

        public static async Task<TinyModelServer> StartAsync()
        {
            var path = Path.Combine(Path.GetTempPath(), $"codeassist-completion-{Guid.NewGuid():N}.gguf");
            RandomModel.Build(ModelShape.TinyQwen2, TinyVocabulary.Create(), GgmlType.F32, 7).WriteTo(path);
            var local = await new LlamaSharpModelFactory().LoadAsync(
                new LlmOptions { Model = path, ContextSize = 2048, Threads = 1 }, null, CancellationToken.None);
            var model = new CountingCompletionModel(local.Completion);
            var server = InProcessServer.Start(services => services.AddSingleton<ILanguageModels>(new FakeLanguageModels(model)));
            await server.Client.InitializeAsync(
                new { textDocument = new { inlineCompletion = new { } } },
                new { completion = new { verify = false, debounceMs = 0, maxTokens = 8 } });
            await server.Client.OpenAsync(Uri, Source);
            return new TinyModelServer(path, local, model, server);
        }

        /// <summary>textDocument/inlineCompletion on the `return count` line (line 6).</summary>
        public async Task<JsonElement> CompleteAsync(int character, int triggerKind) =>
            ResponseAssert.Result(await _server.Client.RequestAsync(
                "textDocument/inlineCompletion",
                new { textDocument = new { uri = Uri }, position = new { line = 6, character }, context = new { triggerKind } }));

        /// <summary>Inserts <paramref name="text"/> after `return count` (version 2).</summary>
        public Task TypeAtCaretAsync(string text) => _server.Client.NotifyAsync("textDocument/didChange", new
        {
            textDocument = new { uri = Uri, version = 2 },
            contentChanges = new[] { new { range = new { start = new { line = 6, character = 20 }, end = new { line = 6, character = 20 } }, text } },
        });

        public async ValueTask DisposeAsync()
        {
            await _server.DisposeAsync();
            _local.Dispose();
            File.Delete(_path);
        }
    }
}
