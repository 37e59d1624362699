using CodeAssist.Features.Common;
using CodeAssist.Features.Fix;
using CodeAssist.Features.Prompts;
using CodeAssist.TestUtilities;
using CodeAssist.TestUtilities.Assist;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace CodeAssist.Features.Tests.Assist;

public sealed class FixServiceTests
{
    [Fact]
    public async Task FixAsync_ValidModelFix_IsOfferedAndAppliesCleanly()
    {
        var (report, document) = await FixWithModelAsync(CounterSample.Source, "CS0029", """
            <reasoning>ToString returns a string but the method returns int.</reasoning>
            Hint: return the int itself, not its text.
            ```csharp
            public int Next()
            {
                _count++;
                return _count;
            }
            ```
            """);

        var suggestion = Assert.Single(report.Suggestions, s => s.Source == SuggestionSource.Model);
        Assert.Equal("Fix with CodeAssist (model): return the int itself, not its text.", suggestion.Title);
        Assert.Equal("return the int itself, not its text.", suggestion.Hint);
        var edit = Assert.Single(suggestion.Edits);
        var applied = Apply(CounterSample.Source, edit);
        Assert.Equal(edit.NewText, applied);
        Assert.Contains("\n        return _count;\n    }\n\n    public int Peek()", applied, StringComparison.Ordinal);
        var fixedDocument = document.WithText(SourceText.From(applied));
        Assert.Empty(await FixService.DiagnosticsAsync(fixedDocument, null, CancellationToken.None));
        Assert.Empty(report.Rejected);
    }

    [Fact]
    public async Task FixAsync_ModelFixKeepsDiagnostic_IsNotOffered()
    {
        var (report, _) = await FixWithModelAsync(CounterSample.Source, "CS0029", """
            Hint: looks fine.
            ```csharp
            public int Next()
            {
                _count += 1;
                return _count.ToString();
            }
            ```
            """);

        Assert.DoesNotContain(report.Suggestions, s => s.Source == SuggestionSource.Model);
        Assert.Equal("the model's fix does not remove CS0029", Assert.Single(report.Rejected));
        Assert.Contains("does not remove CS0029", report.Notice, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FixAsync_ModelFixAddsError_IsNotOffered()
    {
        var (report, _) = await FixWithModelAsync(CounterSample.Source, "CS0029", """
            Hint: use the limit.
            ```csharp
            public int Next()
            {
                _count++;
                return Math.Min(_count, limit);
            }
            ```
            """);

        Assert.DoesNotContain(report.Suggestions, s => s.Source == SuggestionSource.Model);
        Assert.StartsWith("the model's fix adds an error: CS0103", Assert.Single(report.Rejected), StringComparison.Ordinal);
    }

    [Fact]
    public async Task FixAsync_ModelAnswerDoesNotParse_IsNotOffered()
    {
        var (report, _) = await FixWithModelAsync(CounterSample.Source, "CS0029", "Hint: x\n```csharp\npublic int Next( {\n```");

        Assert.DoesNotContain(report.Suggestions, s => s.Source == SuggestionSource.Model);
        Assert.Equal("the model's answer has no C# member that parses", Assert.Single(report.Rejected));
    }

    [Fact]
    public async Task FixAsync_ModelWrapsMemberInClass_IsUnwrappedAndOffered()
    {
        var (report, _) = await FixWithModelAsync(CounterSample.Source, "CS0029", """
            Hint: return the field.
            ```csharp
            public sealed class Counter
            {
                public int Next()
                {
                    _count++;
                    return _count;
                }
            }
            ```
            """);

        var edit = Assert.Single(Assert.Single(report.Suggestions, s => s.Source == SuggestionSource.Model).Edits);
        Assert.Contains("public int Peek() => _count;", edit.NewText, StringComparison.Ordinal);
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(edit.NewText, "class Counter"));
    }

    [Fact]
    public async Task FixAsync_MissingUsing_RoslynOffersAddUsingWithoutModel()
    {
        const string source = """
            namespace Shop;

            public static class Names
            {
                public static string Join(string a, string b) => new StringBuilder().Append(a).Append(b).ToString();
            }
            """;
        using var workspace = new AssistWorkspace(("Names.cs", source));
        var document = workspace.Document("Names.cs");
        var diagnostic = (await FixService.DiagnosticsAsync(document, null, CancellationToken.None)).First(d => d.Id == "CS0246");
        var service = new FixService(new FakeLanguageModels(chatClient: null), null, PromptLibrary.BuiltInOnly, new FakeTimeProvider());

        var report = await service.FixAsync(document, diagnostic, CancellationToken.None);

        var addUsing = Assert.Single(report.Suggestions, s => s.Title == "Fix (Roslyn): using System.Text;");
        Assert.Equal(SuggestionSource.Roslyn, addUsing.Source);
        Assert.StartsWith("using System.Text;", Assert.Single(addUsing.Edits).NewText, StringComparison.Ordinal);
        Assert.Contains("codeassist models pull", report.Notice, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FixAsync_Misspelling_RoslynOffersSpellingFix()
    {
        const string source = """
            public static class Greeter
            {
                public static int Length(string name) => name.Lenght;
            }
            """;
        using var workspace = new AssistWorkspace(("Greeter.cs", source));
        var document = workspace.Document("Greeter.cs");
        var diagnostic = (await FixService.DiagnosticsAsync(document, null, CancellationToken.None)).Single(d => d.Id == "CS1061");
        var service = new FixService(new FakeLanguageModels(chatClient: null), null, PromptLibrary.BuiltInOnly, new FakeTimeProvider());

        var report = await service.FixAsync(document, diagnostic, CancellationToken.None);

        var spelling = Assert.Single(report.Suggestions, s => s.Title.Contains("Length", StringComparison.Ordinal) && s.Title.Contains("Lenght", StringComparison.Ordinal));
        Assert.Contains("name.Length;", Assert.Single(spelling.Edits).NewText, StringComparison.Ordinal);
    }

    private const string Line = """
        namespace Shop;

        public sealed class OrderLine
        {
            public int Quantity { get; set; }

            public int Double() => Quantiy * 2;
        }
        """;

    [Fact]
    public async Task FixAsync_Misspelling_SpellingFixComesBeforeGenerateMember()
    {
        using var workspace = new AssistWorkspace(("OrderLine.cs", Line));
        var document = workspace.Document("OrderLine.cs");
        var diagnostic = (await FixService.DiagnosticsAsync(document, null, CancellationToken.None)).Single(d => d.Id == "CS0103");
        var service = new FixService(new FakeLanguageModels(chatClient: null), null, PromptLibrary.BuiltInOnly, new FakeTimeProvider());

        var report = await service.FixAsync(document, diagnostic, CancellationToken.None);

        Assert.Equal("Fix (Roslyn): Change 'Quantiy' to 'Quantity'.", report.Suggestions[0].Title);
        Assert.Equal(FixTier.Correction, report.Suggestions[0].Tier);
        var generate = report.Suggestions.Select((s, i) => (s, i)).Where(p => p.s.Title.Contains("Generate", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(generate);
        Assert.All(generate, p => Assert.Equal(FixTier.Generation, p.s.Tier));
    }

    [Fact]
    public async Task FixAsync_VerifiedModelFix_IsPlacedAfterTheCorrectionsAndBeforeGeneratedMembers()
    {
        using var workspace = new AssistWorkspace(("OrderLine.cs", Line));
        var document = workspace.Document("OrderLine.cs");
        var diagnostic = (await FixService.DiagnosticsAsync(document, null, CancellationToken.None)).Single(d => d.Id == "CS0103");
        var client = new FakeChatClient("Hint: use the property.\n```csharp\npublic int Double() => Quantity * 2;\n```");
        var service = new FixService(new FakeLanguageModels(client), null, PromptLibrary.BuiltInOnly, new FakeTimeProvider());

        var report = await service.FixAsync(document, diagnostic, CancellationToken.None);

        var sources = report.Suggestions.Select(s => (s.Source, s.Tier)).ToList();
        var model = sources.FindIndex(s => s.Source == SuggestionSource.Model);
        Assert.True(model > 0, "the spelling correction comes first");
        Assert.All(sources.Take(model), s => Assert.Equal(FixTier.Correction, s.Tier));
        Assert.All(sources.Skip(model + 1), s => Assert.NotEqual(FixTier.Correction, s.Tier));
        Assert.Contains(sources.Skip(model + 1), s => s.Tier == FixTier.Generation);
    }

    private static async Task<(FixReport Report, Document Document)> FixWithModelAsync(string source, string id, string answer)
    {
        using var workspace = new AssistWorkspace(("Counter.cs", source));
        var document = workspace.Document("Counter.cs");
        var diagnostic = (await FixService.DiagnosticsAsync(document, null, CancellationToken.None)).Single(d => d.Id == id);
        var client = new FakeChatClient(answer);
        var service = new FixService(new FakeLanguageModels(client), null, PromptLibrary.BuiltInOnly, new FakeTimeProvider());
        var report = await service.FixAsync(document, diagnostic, CancellationToken.None);
        Assert.Contains("return _count.ToString();", client.LastUserText, StringComparison.Ordinal);
        Assert.Contains(id, client.LastUserText, StringComparison.Ordinal);
        return (report, document);
    }

    private static string Apply(string text, FileEdit edit)
    {
        var changes = edit.Changes.Select(c => new TextChange(new TextSpan(c.Start, c.Length), c.NewText));
        return SourceText.From(text).WithChanges(changes).ToString();
    }
}
