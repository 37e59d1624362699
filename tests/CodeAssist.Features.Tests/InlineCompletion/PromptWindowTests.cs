using System.Text;
using CodeAssist.Features.InlineCompletion;
using CodeAssist.TestUtilities;
using CodeAssist.TestUtilities.InlineCompletion;
using Microsoft.CodeAnalysis.Text;
using Xunit;
using static CodeAssist.Features.Tests.InlineCompletion.InlineCompletionTestHost;

namespace CodeAssist.Features.Tests.InlineCompletion;

public sealed class PromptWindowTests
{
    [Fact]
    public void CutPrefix_StartsOnSnappedLine_AndStaysThereWhileTyping()
    {
        var text = SourceText.From(Lines(100));
        var window = new PromptWindow(s => s.Length);
        var position = text.Lines[70].Start + 4;

        var prefix = window.CutPrefix(text, position, budgetTokens: 1000);
        var typed = SourceText.From(text.ToString().Insert(position, "abc"));
        var prefixAfterTyping = window.CutPrefix(typed, position + 3, budgetTokens: 1000);

        var startLine = text.Lines.GetLineFromPosition(position - prefix.Length).LineNumber;
        Assert.Equal(0, startLine % PromptWindow.LineSnap);
        Assert.True(prefix.Length <= 1000);
        Assert.StartsWith(prefix, prefixAfterTyping, StringComparison.Ordinal);
    }

    [Fact]
    public void CutSuffix_EndsOnSnappedLine()
    {
        var text = SourceText.From(Lines(100));
        var window = new PromptWindow(s => s.Length);
        var position = text.Lines[20].Start + 4;

        var suffix = window.CutSuffix(text, position, budgetTokens: 500);

        var endLine = text.Lines.GetLineFromPosition(position + suffix.Length).LineNumber;
        Assert.Equal(0, endLine % PromptWindow.LineSnap);
        Assert.True(suffix.Length <= 500);
    }

    [Fact]
    public void Cut_NeverSplitsSurrogatePair()
    {
        var window = new PromptWindow(s => s.Length);
        const string text = "ab\U0001F600cd";

        Assert.Equal("cd", window.TakeLast(text, 3));
        Assert.Equal("ab", window.TakeFirst(text, 3));
        Assert.Equal("\U0001F600cd", window.TakeLast(text, 4));
    }

    [Fact]
    public async Task Prompt_CarriesRoslynContextFirstAndWindows()
    {
        var model = new FakeCompletionModel("x;");
        var context = new FakeContextProvider("// Order: decimal Total { get; }");
        using var service = Create(model, context: context);
        var (document, position) = CompletionFixture.Create("class C\n{\n    void M()\n    {\n        var a = $0;\n    }\n}");

        await CompleteAsync(service, document, position);
        await CompleteAsync(service, CompletionFixture.Type(document, position, "b"), position + 1);

        var requests = model.Requests.ToList();
        Assert.Equal(2, requests.Count);
        Assert.Equal("// Order: decimal Total { get; }", Assert.Single(requests[0].ExtraContext).Text);
        Assert.EndsWith("var a = ", requests[0].Prefix, StringComparison.Ordinal);
        Assert.StartsWith(";\n    }", requests[0].Suffix, StringComparison.Ordinal);
        Assert.Equal(requests[0].Prefix + "b", requests[1].Prefix);
        Assert.Equal(1, context.Calls);
    }

    private static string Lines(int count)
    {
        var builder = new StringBuilder();
        for (var line = 0; line < count; line++)
        {
            builder.Append("line ").Append(line).Append(" text text text\n");
        }

        return builder.ToString();
    }
}
