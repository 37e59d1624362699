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

        var prefix = window.CutPrefix(text, position, budgetTokens: 1200);
        var typed = SourceText.From(text.ToString().Insert(position, "abc"));
        var prefixAfterTyping = window.CutPrefix(typed, position + 3, budgetTokens: 1200);

        var startLine = text.Lines.GetLineFromPosition(position - prefix.Length).LineNumber;
        Assert.Equal(0, startLine % PromptWindow.LineSnap);
        Assert.True(prefix.Length <= 1200);
        Assert.StartsWith(prefix, prefixAfterTyping, StringComparison.Ordinal);
    }

    [Fact]
    public void CutPrefix_SmallBudget_StartsOnALineAndStaysThereWhileTyping()
    {
        var text = SourceText.From(Lines(100));
        var window = new PromptWindow(s => s.Length);
        var position = text.Lines[70].Start + 4;

        var prefix = window.CutPrefix(text, position, budgetTokens: 150);
        var typed = SourceText.From(text.ToString().Insert(position, "abcdefghij"));
        var afterTyping = window.CutPrefix(typed, position + 10, budgetTokens: 150);

        var start = position - prefix.Length;
        Assert.Equal(text.Lines.GetLineFromPosition(start).Start, start);
        Assert.InRange(prefix.Length, 50, 150);
        Assert.StartsWith(prefix, afterTyping, StringComparison.Ordinal);
    }

    [Fact]
    public void CutPrefix_NarrowWindow_StartMovesOnlyEveryFewLinesAsLinesAreAdded()
    {
        var text = SourceText.From(Lines(100));
        var window = new PromptWindow(s => s.Length);
        var starts = new HashSet<int>();
        for (var line = 60; line < 76; line++)
        {
            var position = text.Lines[line].Start;
            starts.Add(position - window.CutPrefix(text, position, budgetTokens: 600).Length);
        }

        // About 24 lines fit, so the start is rounded to 8 lines: 16 consecutive lines see at most 3 starts.
        Assert.InRange(starts.Count, 2, 3);
    }

    [Fact]
    public void CutSuffix_TakesWholeLinesUpToTheBudget()
    {
        var text = SourceText.From(Lines(100));
        var window = new PromptWindow(s => s.Length);
        var position = text.Lines[20].Start + 4;

        var suffix = window.CutSuffix(text, position, budgetTokens: 500);

        var end = position + suffix.Length;
        var endLine = text.Lines.GetLineFromPosition(end);
        Assert.Equal(endLine.Start, end);
        Assert.True(suffix.Length <= 500);
        Assert.True(suffix.Length + endLine.SpanIncludingLineBreak.Length > 500, "the next line would have fit");
    }

    [Fact]
    public void CutSuffix_LongCaretLine_IsCutInsideTheLine()
    {
        var text = SourceText.From(new string('x', 300) + "\nnext\n");
        var window = new PromptWindow(s => s.Length);

        Assert.Equal(new string('x', 50), window.CutSuffix(text, 0, budgetTokens: 50));
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
