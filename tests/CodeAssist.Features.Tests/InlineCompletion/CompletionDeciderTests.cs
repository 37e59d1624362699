using CodeAssist.Features.InlineCompletion;
using CodeAssist.TestUtilities.InlineCompletion;
using Xunit;

namespace CodeAssist.Features.Tests.InlineCompletion;

public sealed class CompletionDeciderTests
{
    [Theory]
    [InlineData("class C { void M() { var x = $0 } }", CompletionShape.SingleLine)]
    [InlineData("class C { void M() { // note $0\n } }", CompletionShape.None)]
    [InlineData("class C { void M() { /* a $0 b */ } }", CompletionShape.None)]
    [InlineData("class C { void M() { var s = \"ab$0cd\"; } }", CompletionShape.None)]
    [InlineData("class C { void M() { var s = \"ab$0", CompletionShape.None)]
    [InlineData("class C { void M() { var s = $\"a{1}$0b\"; } }", CompletionShape.None)]
    [InlineData("class C { void M() { Con$0sole.WriteLine(); } }", CompletionShape.None)]
    [InlineData("class C { void M() { // note\n$0 } }", CompletionShape.SingleLine)]
    [InlineData("class C { void M() {\n#if NEVER\n var x = $0\n#endif\n } }", CompletionShape.None)]
    public async Task Decide_CommentsStringsAndWords(string markup, CompletionShape expected)
    {
        Assert.Equal(expected, (await DecideAsync(markup, supportsFim: true)).Shape);
    }

    [Fact]
    public async Task Decide_InComment_AllowedBySetting()
    {
        Assert.Equal(CompletionShape.SingleLine, (await DecideAsync("class C { // note $0\n }", supportsFim: true, allowComments: true)).Shape);
    }

    [Theory]
    [InlineData(true, CompletionShape.SingleLine)]
    [InlineData(false, CompletionShape.None)]
    public async Task Decide_RestOfLineWithText_NeedsFim(bool supportsFim, CompletionShape expected)
    {
        Assert.Equal(expected, (await DecideAsync("class C { void M(int a) { var x = $0 + a; } }", supportsFim)).Shape);
    }

    [Fact]
    public async Task Decide_RestOfLineOnlyClosers_NoFimNeeded()
    {
        Assert.Equal(CompletionShape.SingleLine, (await DecideAsync("class C { void M() { System.Console.WriteLine($0); } }", supportsFim: false)).Shape);
    }

    [Fact]
    public async Task Decide_EmptyLineAfterOpenBraceOfBody_IsMultiLine()
    {
        var decision = await DecideAsync("class C\n{\n    int M(int a)\n    {\n        $0\n    }\n}", supportsFim: true);
        Assert.Equal(CompletionShape.MultiLine, decision.Shape);
        Assert.DoesNotContain("\n", decision.StopSequences);
    }

    [Fact]
    public async Task Decide_EmptyLineAfterOpenBraceOfIfBlock_IsMultiLine()
    {
        Assert.Equal(CompletionShape.MultiLine, (await DecideAsync("class C { void M(bool b) {\n if (b)\n {\n   $0\n }\n } }", supportsFim: true)).Shape);
    }

    [Fact]
    public async Task Decide_EmptyLineBetweenStatements_IsSingleLine()
    {
        var decision = await DecideAsync("class C\n{\n    void M()\n    {\n        var a = 1;\n        $0\n        var b = 2;\n    }\n}", supportsFim: true);
        Assert.Equal(CompletionShape.SingleLine, decision.Shape);
        Assert.Contains("\n", decision.StopSequences);
    }

    [Fact]
    public async Task Decide_EmptyLineInTypeBody_IsSingleLine()
    {
        Assert.Equal(CompletionShape.SingleLine, (await DecideAsync("class C\n{\n    $0\n}", supportsFim: true)).Shape);
    }

    private static async Task<CompletionDecision> DecideAsync(string markup, bool supportsFim, bool allowComments = false)
    {
        var (document, position) = CompletionFixture.Create(markup);
        var root = await document.GetSyntaxRootAsync();
        var text = await document.GetTextAsync();
        return CompletionDecider.Decide(root!, text, position, supportsFim, allowComments);
    }
}
