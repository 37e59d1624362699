using System.Collections.Concurrent;
using CodeAssist.Context;
using CodeAssist.Llm;
using CodeAssist.Server.Tests.EndToEnd;
using CodeAssist.Server.Tests.Infrastructure;
using CodeAssist.Server.Workspace;
using CodeAssist.TestUtilities;
using Microsoft.CodeAnalysis;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace CodeAssist.Server.Tests.Workspace;

/// <summary>The context of a project is prepared once, in the background, before its first completion needs it.</summary>
public sealed class ContextWarmUpTests : IAsyncDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "codeassist-warm-" + Guid.NewGuid().ToString("N")[..8]);
    private readonly RecordingContextProvider _context = new();

    [Fact]
    public async Task OpenDocumentAtLoad_AndAFileOpenedLater_WarmTheirProjectOnce()
    {
        Directory.CreateDirectory(_folder);
        await File.WriteAllTextAsync(Path.Combine(_folder, "A.cs"), "class A { }\n");
        await File.WriteAllTextAsync(Path.Combine(_folder, "B.cs"), "class B { }\n");
        await using var server = InProcessServer.Start(services =>
        {
            services.AddSingleton<IWorkspaceSession, WorkspaceSession>();
            services.AddSingleton<ICodeContextProvider>(_context);
        });

        await server.Client.InitializeAsync(rootUri: new Uri(_folder + "/").AbsoluteUri);
        await server.Client.OpenAsync(Uri("A.cs"), "class A { int X; }\n");
        await WaitAsync(() => _context.WarmedPaths.Count > 0);
        await server.Client.OpenAsync(Uri("B.cs"), "class B { }\n");
        await server.Client.RequestAsync("codeAssist/serverStatus", new { });
        await Task.WhenAll(server.Get<ContextWarmUp>().Started).WaitAsync(LspTestClient.Timeout);

        // Whether A.cs was opened before or after the load finished, its project is warmed exactly once.
        Assert.Equal(Path.Combine(_folder, "A.cs"), Assert.Single(_context.WarmedPaths));
    }

    [Fact]
    public async Task ProjectWarmUp_PutsTheProjectDigestIntoAModelWithAPromptCache()
    {
        Directory.CreateDirectory(_folder);
        await File.WriteAllTextAsync(Path.Combine(_folder, "A.cs"), "class A { }\n");
        var model = new FakeCompletionModel("x") { SupportsPrefill = true };
        await using var server = InProcessServer.Start(services =>
        {
            services.AddSingleton<IWorkspaceSession, WorkspaceSession>();
            services.AddSingleton<ICodeContextProvider>(_context);
            services.AddSingleton<ILanguageModels>(new FakeLanguageModels(model));
        });

        await server.Client.InitializeAsync(rootUri: new Uri(_folder + "/").AbsoluteUri);
        await server.Client.OpenAsync(Uri("A.cs"), "class A { int X; }\n");
        await WaitAsync(() => model.Prefills.Count > 0);

        // No request was made: the load alone prefilled the digest, as the first snippet of every prompt to come.
        var snippet = Assert.Single(Assert.Single(model.Prefills).ExtraContext);
        Assert.Equal(RecordingContextProvider.Digest, snippet.Text);
        Assert.Equal(0, model.Calls);
    }

    public ValueTask DisposeAsync()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }

        return ValueTask.CompletedTask;
    }

    private static async Task WaitAsync(Func<bool> condition)
    {
        for (var attempt = 0; attempt < 600 && !condition(); attempt++)
        {
            await Task.Delay(100);
        }

        Assert.True(condition(), "the warm-up did not start");
    }

    private string Uri(string name) => new Uri(Path.Combine(_folder, name)).AbsoluteUri;

    private sealed class RecordingContextProvider : ICodeContextProvider
    {
        public const string Digest = "// used across the project\nenum Kind {\n    // also: First\n}\n";

        public ConcurrentQueue<string> WarmedPaths { get; } = new();

        public Task<CodeContext> GetContextAsync(Document document, int position, int budgetTokens, CancellationToken cancellationToken) =>
            Task.FromResult(new CodeContext([], "", 0, budgetTokens));

        public Task<CodeContext> GetProjectDigestAsync(Document document, int budgetTokens, ITokenCounter tokenCounter, CancellationToken cancellationToken) =>
            Task.FromResult(new CodeContext([], Digest, tokenCounter.CountTokens(Digest), budgetTokens));

        public Task WarmUpAsync(Document document, CancellationToken cancellationToken)
        {
            WarmedPaths.Enqueue(document.FilePath ?? "");
            return Task.CompletedTask;
        }
    }
}
