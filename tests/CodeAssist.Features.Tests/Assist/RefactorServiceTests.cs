using CodeAssist.Features.Common;
using CodeAssist.Features.Prompts;
using CodeAssist.Features.Refactor;
using CodeAssist.TestUtilities;
using CodeAssist.TestUtilities.Assist;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace CodeAssist.Features.Tests.Assist;

public sealed class RefactorServiceTests
{
    private const string Source = """
        namespace Shop;

        public sealed class Totals
        {
            [|public int Sum(int[] values)
            {
                var total = 0;
                for (var i = 0; i < values.Length; i++)
                {
                    total += values[i];
                }

                return total;
            }|]
        }
        """;

    [Fact]
    public async Task SuggestAsync_ValidRewrite_IsOfferedWithRationale()
    {
        var report = await SuggestAsync("""
            Rationale: a foreach says what the loop does.
            ```csharp
            public int Sum(int[] values)
            {
                var total = 0;
                foreach (var value in values)
                {
                    total += value;
                }

                return total;
            }
            ```
            """, allowSignatureChanges: false);

        var suggestion = Assert.Single(report.Suggestions);
        Assert.Equal(SuggestionSource.Model, suggestion.Source);
        Assert.Equal("Refactor with CodeAssist (model): a foreach says what the loop does.", suggestion.Title);
        Assert.Contains("        foreach (var value in values)\n", Assert.Single(suggestion.Edits).NewText, StringComparison.Ordinal);
        Assert.Null(report.Notice);
    }

    [Fact]
    public async Task SuggestAsync_RewriteChangesPublicSignature_IsNotOfferedUnlessAllowed()
    {
        const string answer = """
            Rationale: accept any sequence.
            ```csharp
            public int Sum(IEnumerable<int> values) => values.Sum();
            ```
            """;

        var strict = await SuggestAsync(answer, allowSignatureChanges: false);
        var allowed = await SuggestAsync(answer, allowSignatureChanges: true);

        Assert.Empty(strict.Suggestions);
        Assert.StartsWith("the rewrite changes a public signature", Assert.Single(strict.Rejected), StringComparison.Ordinal);
        Assert.Single(allowed.Suggestions);
    }

    [Fact]
    public async Task SuggestAsync_RewriteAddsWarning_IsNotOffered()
    {
        var report = await SuggestAsync("""
            Rationale: shorter.
            ```csharp
            public int Sum(int[] values)
            {
                int unused = 0;
                return values.Sum();
            }
            ```
            """, allowSignatureChanges: false);

        Assert.Empty(report.Suggestions);
        Assert.StartsWith("the rewrite adds a diagnostic: CS0219", Assert.Single(report.Rejected), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SuggestAsync_NoModel_OffersRoslynRefactoringsAndSaysSo()
    {
        const string source = """
            public static class Checks
            {
                public static string Describe(int value)
                {
                    $0if (value > 0)
                    {
                        return "positive";
                    }

                    return "not positive";
                }
            }
            """;
        using var workspace = new AssistWorkspace(("Checks.cs", source));
        var service = new RefactorService(new FakeLanguageModels(chatClient: null), null, PromptLibrary.BuiltInOnly, new FakeTimeProvider());

        var report = await service.SuggestAsync(workspace.MarkedDocument, workspace.MarkedSpan, false, null, includeRoslyn: true, CancellationToken.None);

        var invert = Assert.Single(report.Suggestions, s => s.Title == "Refactor (Roslyn): Invert if");
        Assert.Contains("if (value <= 0)", Assert.Single(invert.Edits).NewText, StringComparison.Ordinal);
        Assert.All(report.Suggestions, s => Assert.Equal(SuggestionSource.Roslyn, s.Source));
        Assert.Contains("codeassist models pull", report.Notice, StringComparison.Ordinal);
        var resolved = await RoslynRefactorings.ResolveAsync(workspace.MarkedDocument, workspace.MarkedSpan, invert.Title, CancellationToken.None);
        Assert.Equal(invert.Edits[0].NewText, resolved?.Edits[0].NewText);
    }

    private static async Task<RefactorReport> SuggestAsync(string answer, bool allowSignatureChanges)
    {
        using var workspace = new AssistWorkspace(("Totals.cs", Source));
        var client = new FakeChatClient(answer);
        var service = new RefactorService(new FakeLanguageModels(client), null, PromptLibrary.BuiltInOnly, new FakeTimeProvider());
        var report = await service.SuggestAsync(workspace.MarkedDocument, workspace.MarkedSpan, allowSignatureChanges, null, includeRoslyn: false, CancellationToken.None);
        Assert.Contains("for (var i = 0; i < values.Length; i++)", client.LastUserText, StringComparison.Ordinal);
        return report;
    }
}
