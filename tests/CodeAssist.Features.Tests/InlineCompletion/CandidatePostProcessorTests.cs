using CodeAssist.Features.InlineCompletion;
using Xunit;

namespace CodeAssist.Features.Tests.InlineCompletion;

public sealed class CandidatePostProcessorTests
{
    private static readonly CompletionDecision SingleLine = new(CompletionShape.SingleLine, ["\n"]);
    private static readonly CompletionDecision MultiLine = new(CompletionShape.MultiLine, ["\n\n\n"]);

    [Fact]
    public void Process_SingleLine_CutsAtNewline()
    {
        Assert.Equal("var a = 1;", Process("var a = 1;\nvar b = 2;", lineBefore: "        "));
    }

    [Fact]
    public void Process_SingleLine_CutsAfterFirstStatement()
    {
        Assert.Equal("Foo();", Process("Foo(); Bar();", lineBefore: "        "));
    }

    [Fact]
    public void Process_SemicolonsInsideStringsAndForHeaders_DoNotCut()
    {
        Assert.Equal("\"a;b\");", Process("\"a;b\"); x++;", lineBefore: "        Console.WriteLine("));
        Assert.Equal("(var i = 0; i < n; i++)", Process("(var i = 0; i < n; i++)", lineBefore: "        for "));
    }

    [Fact]
    public void Process_CloserThatTheSuffixHas_IsDropped()
    {
        Assert.Equal("a, b", Process("a, b);", lineBefore: "        Foo(", restOfLine: ");"));
    }

    [Fact]
    public void Process_BalancedBracketsBeforeSuffixCloser_AreKept()
    {
        Assert.Equal("Bar()", Process("Bar()", lineBefore: "        Foo(", restOfLine: ")"));
    }

    [Fact]
    public void Process_CloserWithoutOpenerBeforeCaret_IsCut()
    {
        Assert.Equal("a + b", Process("a + b) * 2;", lineBefore: "        var x = "));
    }

    [Fact]
    public void Process_CloserMatchingOpenerBeforeCaret_IsKept()
    {
        Assert.Equal("b) * 2;", Process("b) * 2;", lineBefore: "        var x = (a + "));
    }

    [Fact]
    public void Process_TextRepeatingRestOfLine_IsDropped()
    {
        Assert.Equal("count", Process("count + 1;", lineBefore: "        var x = ", restOfLine: " + 1;"));
    }

    [Fact]
    public void Process_CandidateRepeatingNextLine_IsDropped()
    {
        Assert.Null(Process("return total;", lineBefore: "        ", nextLines: ["return total;", "}"]));
    }

    [Fact]
    public void Process_MultiLine_CutsAtEndOfBlock()
    {
        var raw = "var total = 0;\n        return total;\n    }\n\n    void Other()";
        Assert.Equal("var total = 0;\n        return total;", Process(raw, lineBefore: "        ", decision: MultiLine));
    }

    [Fact]
    public void Process_MultiLine_NestedBlocksSurvive()
    {
        var raw = "if (a)\n        {\n            b();\n        }\n        c();\n    }";
        Assert.Equal("if (a)\n        {\n            b();\n        }\n        c();", Process(raw, lineBefore: "        ", decision: MultiLine));
    }

    [Fact]
    public void Process_MultiLine_CutsWhereNextLinesRepeat()
    {
        var raw = "var a = 1;\n        Log(a);\n        return a;";
        Assert.Equal("var a = 1;", Process(raw, lineBefore: "        ", decision: MultiLine, nextLines: ["Log(a);", "return a;"]));
    }

    [Fact]
    public void Process_TrailingWhitespace_IsTrimmed()
    {
        Assert.Equal("a = 1;", Process("a = 1;   \t", lineBefore: "        "));
        Assert.Equal("x();\n        y();", Process("x();   \n        y();  \n\n", lineBefore: "        ", decision: MultiLine));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\n")]
    [InlineData(");")]
    public void Process_NothingLeft_IsNull(string raw)
    {
        Assert.Null(Process(raw, lineBefore: "        Foo(", restOfLine: ");"));
    }

    private static string? Process(
        string raw, string lineBefore, string restOfLine = "", CompletionDecision? decision = null, string[]? nextLines = null) =>
        CandidatePostProcessor.Process(raw, decision ?? SingleLine, new CaretSurroundings(lineBefore, restOfLine, nextLines ?? []));
}
