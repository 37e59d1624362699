using CodeAssist.Context;
using CodeAssist.Features.Configuration;
using CodeAssist.Features.Explain;
using CodeAssist.Features.Fix;
using CodeAssist.Features.InlineCompletion;
using CodeAssist.Features.Prompts;
using CodeAssist.Features.Refactor;
using CodeAssist.Features.StackTraces;
using CodeAssist.Llm;
using CodeAssist.TestUtilities;
using CodeAssist.TestUtilities.Assist;
using CodeAssist.TestUtilities.Http;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace CodeAssist.Features.Tests.Redaction;

/// <summary>
/// Every feature against a recording OpenAI-compatible server on 127.0.0.1, over the corpus: no seeded secret, whole
/// or in part, is in any request body. The real providers, prompt builders and decorators run; only the server is fake.
/// </summary>
public sealed class OutboundRedactionTests
{
    [Fact]
    public async Task EveryFeature_SendsNoSeededSecret()
    {
        await using var server = new RecordingModelServer { ChatAnswer = "```csharp\npublic static int Broken() => 0;\n```" };
        // A small context makes the completion windows cut through the corpus (a key block's BEGIN line falls out).
        var llm = new LlmOptions { Provider = "openai", Endpoint = server.Endpoint, Model = "qwen2.5-coder-1.5b", InfillMode = "prompt", ContextSize = 512 };
        using var models = new LanguageModels(new LanguageModelSettings { Default = llm });
        using var workspace = new AssistWorkspace(SeededSecrets.Files.ToArray());
        var prompts = PromptLibrary.BuiltInOnly;
        var time = new FakeTimeProvider();
        var counts = new Dictionary<string, int>();

        var completion = new InlineCompletionService(models, new ContextCollector(), () => new CodeAssistOptions
        {
            Completion = new CompletionOptions { DebounceMs = 0, Verify = false },
        });
        foreach (var (name, _) in SeededSecrets.Files)
        {
            var document = workspace.Document(name);
            var text = await document.GetTextAsync();
            foreach (var line in text.Lines.Where(l => l.Span.Length > 0))
            {
                await completion.GetCompletionsAsync(new InlineCompletionRequest(document, line.End), CancellationToken.None);
            }
        }

        counts["completion"] = Drain(server);

        var explain = new ExplainService(models, null, prompts, time);
        foreach (var (name, _) in SeededSecrets.Files)
        {
            var document = workspace.Document(name);
            var text = await document.GetTextAsync();
            for (var line = 0; line < text.Lines.Count; line += 20)
            {
                var span = TextSpan.FromBounds(text.Lines[line].Start, text.Lines[Math.Min(text.Lines.Count - 1, line + 24)].End);
                await explain.ExplainAsync(document, span, null, CancellationToken.None);
            }
        }

        counts["explain"] = Drain(server);

        var vault = workspace.Document("Vault.cs");
        var fix = new FixService(models, null, prompts, time);
        foreach (var diagnostic in await FixService.DiagnosticsAsync(vault, null, CancellationToken.None))
        {
            await fix.ModelFixAsync(vault, diagnostic, CancellationToken.None);
        }

        counts["fix"] = Drain(server);

        var refactor = new RefactorService(models, null, prompts, time);
        var root = await vault.GetSyntaxRootAsync();
        foreach (var member in root!.DescendantNodes().OfType<MemberDeclarationSyntax>().Where(m => m is not BaseTypeDeclarationSyntax and not BaseNamespaceDeclarationSyntax))
        {
            await refactor.SuggestAsync(vault, member.Span, allowSignatureChanges: false, request: null, includeRoslyn: false, CancellationToken.None);
        }

        counts["refactor"] = Drain(server);

        var vaultText = await vault.GetTextAsync();
        var password = SeededSecrets.All.First(s => s.Kind == "password").Value;
        var token = SeededSecrets.All.First(s => s.Kind == "github-token").Value;
        var frames = string.Join("\n", Enumerable.Range(1, vaultText.Lines.Count).Where(n => n % 7 == 0)
            .Select(n => $"   at Corpus.Vault.Describe(String name) in {Path.Combine(AssistWorkspace.Root, "Vault.cs")}:line {n}"));
        var trace = $"System.InvalidOperationException: login failed for Server=db;User Id=sa;Password={password}; with token {token}\n{frames}";
        await new StackTraceService(models, null, prompts).AnalyzeAsync(workspace.Solution, trace, null, CancellationToken.None);
        counts["stack trace"] = Drain(server);

        foreach (var (feature, count) in counts)
        {
            Assert.True(count > 0, $"{feature} sent no request, so it tested nothing");
        }
    }

    /// <summary>Checks the requests recorded since the last call; returns how many there were.</summary>
    private static int Drain(RecordingModelServer server)
    {
        var count = 0;
        while (server.Requests.TryDequeue(out var request))
        {
            count++;
            var sent = string.Join("\n", RecordingModelServer.StringValues(request.Body));
            var leaked = SeededSecrets.FoundIn(sent).ToList();
            Assert.True(leaked.Count == 0, $"{request.Path} sent {string.Join(", ", leaked)} in:\n{sent}");
        }

        return count;
    }
}
