using CodeAssist.Llm.Fim;
using Xunit;

namespace CodeAssist.Llm.Tests.Fim;

public sealed class FimLayoutTests
{
    private static readonly InfillRequest Plain = new() { Prefix = "int Add(int a, int b) => ", Suffix = ";\n" };

    [Fact]
    public void Qwen_FileLevel_IsPsm()
    {
        Assert.Equal("<|fim_prefix|>int Add(int a, int b) => <|fim_suffix|>;\n<|fim_middle|>", FimLayout.BuildText(FimTemplates.QwenCoder, Plain));
    }

    [Fact]
    public void Qwen_RepoLevel_ContextFilesFirstCurrentFileLast()
    {
        var request = Plain with
        {
            RepositoryName = "calc",
            FilePath = "src/Calc.cs",
            ExtraContext = [new ContextSnippet("src/IMath.cs", "interface IMath { }"), new ContextSnippet("src/Util.cs", "static class Util { }\n")],
        };

        var expected =
            "<|repo_name|>calc\n"
            + "<|file_sep|>src/IMath.cs\ninterface IMath { }\n"
            + "<|file_sep|>src/Util.cs\nstatic class Util { }\n"
            + "<|file_sep|>src/Calc.cs\n"
            + "<|fim_prefix|>int Add(int a, int b) => <|fim_suffix|>;\n<|fim_middle|>";
        Assert.Equal(expected, FimLayout.BuildText(FimTemplates.QwenCoder, request));
    }

    [Fact]
    public void Qwen_RepoLevel_PromptStartIsStableAcrossKeystrokes()
    {
        var first = Plain with { RepositoryName = "calc", FilePath = "a.cs", ExtraContext = [new ContextSnippet("b.cs", "class B { }")] };
        var second = first with { Prefix = first.Prefix + "a + b" };

        var textA = FimLayout.BuildText(FimTemplates.QwenCoder, first);
        var textB = FimLayout.BuildText(FimTemplates.QwenCoder, second);
        var common = textA.IndexOf("<|fim_suffix|>", StringComparison.Ordinal);

        Assert.Equal(textA[..common], textB[..common]);
    }

    [Fact]
    public void Psm_LineBeingTyped_GoesAfterTheMiddleMarker()
    {
        var request = new InfillRequest { Prefix = "int Add(int a, int b)\n{\n    return a", Suffix = ";\n}\n" };

        Assert.Equal(
            "<|fim_prefix|>int Add(int a, int b)\n{\n<|fim_suffix|>;\n}\n<|fim_middle|>    return a",
            FimLayout.BuildText(FimTemplates.QwenCoder, request));
    }

    [Fact]
    public void Psm_KeystrokesOnOneLine_ChangeOnlyTheEndOfThePrompt()
    {
        var first = new InfillRequest { Prefix = "class C\n{\n    void M() => Console.Wr", Suffix = ";\n}\n", FilePath = "C.cs", ExtraContext = [new ContextSnippet("B.cs", "class B { }")] };
        var second = first with { Prefix = first.Prefix + "ite" };

        var textA = FimLayout.BuildText(FimTemplates.QwenCoder, first);
        var textB = FimLayout.BuildText(FimTemplates.QwenCoder, second);

        Assert.True(textB.StartsWith(textA, StringComparison.Ordinal), textB);
        Assert.Equal("ite", textB[textA.Length..]);
    }

    [Fact]
    public void Spm_LineBeingTyped_StaysInThePrefix()
    {
        var request = new InfillRequest { Prefix = "void M()\n{\n    x", Suffix = "\n}" };

        Assert.Equal("[SUFFIX]\n}[PREFIX]void M()\n{\n    x", FimLayout.BuildText(FimTemplates.Codestral, request));
    }

    [Fact]
    public void SplitCurrentLine_WithoutLineBreak_KeepsThePrefixWhole()
    {
        Assert.Equal(("abc", ""), FimLayout.SplitCurrentLine("abc"));
        Assert.Equal(("a\r\n", "  b"), FimLayout.SplitCurrentLine("a\r\n  b"));
    }

    [Fact]
    public void StarCoder2_RepoLevel_PathFollowsPrefixMarker()
    {
        var request = Plain with { RepositoryName = "calc", FilePath = "Calc.cs", ExtraContext = [new ContextSnippet("B.cs", "class B { }")] };

        var expected = "<repo_name>calc<file_sep>B.cs\nclass B { }<file_sep><fim_prefix>Calc.cs\nint Add(int a, int b) => <fim_suffix>;\n<fim_middle>";
        Assert.Equal(expected, FimLayout.BuildText(FimTemplates.StarCoder2, request));
    }

    [Fact]
    public void DeepSeek_ContextBecomesCommentedHeader()
    {
        var request = Plain with { FilePath = "Calc.cs", ExtraContext = [new ContextSnippet("B.cs", "class B\n{\n}")] };

        var expected = "<｜fim▁begin｜>// Path: B.cs\n// class B\n// {\n// }\n\n// Path: Calc.cs\nint Add(int a, int b) => <｜fim▁hole｜>;\n<｜fim▁end｜>";
        Assert.Equal(expected, FimLayout.BuildText(FimTemplates.DeepSeekCoder, request));
    }

    [Fact]
    public void CodeLlama_TextHasSentencePieceSpacing()
    {
        Assert.Equal("<PRE> int Add(int a, int b) =>  <SUF>;\n <MID>", FimLayout.BuildText(FimTemplates.CodeLlama, Plain));
    }

    [Fact]
    public void Codestral_SuffixFirstWithoutMiddleMarker()
    {
        Assert.Equal("[SUFFIX];\n[PREFIX]int Add(int a, int b) => ", FimLayout.BuildText(FimTemplates.Codestral, Plain));
    }

    [Fact]
    public void BuildSegments_SeparatesMarkersFromUserText()
    {
        var segments = FimLayout.BuildSegments(FimTemplates.QwenCoder, Plain with { RepositoryName = "r", FilePath = "a.cs" });

        Assert.Equal(
            ["<|repo_name|>", "r\n", "<|file_sep|>", "a.cs\n", "<|fim_prefix|>", "int Add(int a, int b) => ", "<|fim_suffix|>", ";\n", "<|fim_middle|>"],
            segments.Select(s => s.Text));
        Assert.Equal([true, false, true, false, true, false, true, false, true], segments.Select(s => s.IsMarker));
    }

    [Fact]
    public void BuildText_MarkersInsideUserCode_AreNeutralized()
    {
        var request = new InfillRequest { Prefix = "var s = \"<|fim_middle|>\";", Suffix = "// <|endoftext|>" };

        var text = FimLayout.BuildText(FimTemplates.QwenCoder, request);

        Assert.Equal(1, CountOf(text, "<|fim_middle|>"));
        Assert.Equal(0, CountOf(text, "<|endoftext|>"));
        Assert.Contains("<\u200B|fim_middle|>", text, StringComparison.Ordinal);
    }

    [Fact]
    public void StopSequences_IncludeEndTokensMarkersAndRequestStops()
    {
        var stops = FimLayout.StopSequences(FimTemplates.QwenCoder, Plain with { StopSequences = ["\n\n"] });

        Assert.Contains("<|endoftext|>", stops);
        Assert.Contains("<|file_sep|>", stops);
        Assert.Contains("<|fim_prefix|>", stops);
        Assert.Equal("\n\n", stops[^1]);
        Assert.Equal(stops.Count, stops.Distinct().Count());
        Assert.DoesNotContain("</s>", FimLayout.StopSequences(FimTemplates.Codestral, Plain));
    }

    private static int CountOf(string text, string value)
    {
        var count = 0;
        for (var index = text.IndexOf(value, StringComparison.Ordinal); index >= 0; index = text.IndexOf(value, index + 1, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}
