using CodeAssist.Gguf;

namespace CodeAssist.Llm.LlamaSharp.Tests;

public sealed class GgufWriterTests
{
    [Fact]
    public void Qwen25Coder05BShape_HasTheRealTensorAndParameterCounts()
    {
        var vocabulary = new TokenizerSpec(
            Enumerable.Range(0, HuggingFaceVocabulary.QwenVocabularySize).Select(i => "t" + i).ToList(),
            Enumerable.Repeat(GgufTokenType.Normal, HuggingFaceVocabulary.QwenVocabularySize).ToList(),
            [],
            0,
            0,
            0,
            "qwen2",
            TokenizerSpec.ChatMlTemplate);

        GgufWriter writer = RandomModel.Build(ModelShape.Qwen25Coder05B, vocabulary, GgmlType.Q8_0, 1);

        Assert.Equal(290, writer.Tensors.Count);
        Assert.Equal(494.03, Math.Round(RandomModel.ParameterCount(writer) / 1e6, 2));
    }

    [Fact]
    public void SameSeed_WritesIdenticalBytes_OtherSeedDiffers()
    {
        byte[] Write(int seed)
        {
            using var stream = new MemoryStream();
            RandomModel.Build(ModelShape.TinyLlama, TinyVocabulary.Create(), GgmlType.Q8_0, seed).WriteTo(stream);
            return stream.ToArray();
        }

        Assert.Equal(Write(5), Write(5));
        Assert.NotEqual(Write(5), Write(6));
    }

    [Fact]
    public void Header_IsReadBackWithArchitectureAndHyperParameters()
    {
        GgufSummary summary = GgufHeaderReader.Read(GeneratedModels.TinyQwen2);

        Assert.Equal("qwen2", summary.Architecture);
        Assert.Equal(ModelShape.TinyQwen2.ContextLength, summary.ContextLength);
        Assert.Equal(ModelShape.TinyQwen2.BlockCount, summary.BlockCount);
        Assert.Equal(ModelShape.TinyQwen2.HeadCountKv, summary.HeadCountKv);
        Assert.Equal(0, summary.FileSize % 32);
    }

    [Fact]
    public void Q8Block_RoundTripsWithinHalfAStep()
    {
        float[] values = Enumerable.Range(0, 64).Select(i => MathF.Sin(i) * 3).ToArray();
        byte[] packed = new byte[2 * Q8Block.Bytes];

        Q8Block.Quantize(values, packed);

        for (int block = 0; block < 2; block++)
        {
            float scale = (float)BitConverter.ToHalf(packed, block * Q8Block.Bytes);
            for (int i = 0; i < Q8Block.Size; i++)
            {
                float restored = (sbyte)packed[(block * Q8Block.Bytes) + 2 + i] * scale;
                Assert.InRange(restored - values[(block * Q8Block.Size) + i], -scale, scale);
            }
        }
    }

    [Fact]
    public void TinyVocabulary_MarksSpecialsControlAndToolTagsUserDefined()
    {
        TokenizerSpec vocabulary = TinyVocabulary.Create();

        Assert.Equal(GgufTokenType.Control, vocabulary.TokenTypes[vocabulary.IdOf("<|fim_prefix|>")]);
        Assert.Equal(GgufTokenType.Control, vocabulary.TokenTypes[vocabulary.IdOf("<|im_end|>")]);
        Assert.Equal(GgufTokenType.UserDefined, vocabulary.TokenTypes[vocabulary.IdOf("<tool_call>")]);
        Assert.Equal(vocabulary.IdOf("<|endoftext|>"), vocabulary.EosId);
    }
}
