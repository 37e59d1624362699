namespace CodeAssist.Llm.LlamaSharp.Tests;

public sealed class Utf8TokenDecoderTests
{
    [Fact]
    public void Append_CharacterSplitAcrossTokens_IsEmittedWhenComplete()
    {
        var decoder = new Utf8TokenDecoder();
        byte[] euro = "€"u8.ToArray();

        Assert.Equal("a", decoder.Append([(byte)'a', euro[0]]));
        Assert.Equal("", decoder.Append([euro[1]]));
        Assert.Equal("€b", decoder.Append([euro[2], (byte)'b']));
    }

    [Fact]
    public void Append_InvalidBytes_BecomeReplacementCharacters()
    {
        var decoder = new Utf8TokenDecoder();

        Assert.Equal("x\uFFFDy", decoder.Append([(byte)'x', 0xFF, (byte)'y']));
    }

    [Fact]
    public void Flush_UnfinishedSequence_BecomesAReplacementCharacter()
    {
        var decoder = new Utf8TokenDecoder();
        decoder.Append([0xE2, 0x82]);

        Assert.Equal("\uFFFD", decoder.Flush());
    }
}
