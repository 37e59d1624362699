using CodeAssist.Gguf;

namespace CodeAssist.Llm.LlamaSharp.Tests;

[Collection(LlamaCollection.Name)]
public sealed class ModelLoadingTests
{
    [Fact]
    public async Task LoadAsync_TinyQwen2_ReportsFimChatTemplateAndContext()
    {
        using LlamaLocalModel model = await GeneratedModels.LoadAsync(GeneratedModels.TinyQwen2, contextSize: 1024);

        ModelInfo info = model.Completion.Info;
        Assert.Equal("local", info.Provider);
        Assert.Equal(1024, info.ContextLength);
        Assert.True(info.SupportsFim);
        Assert.Equal("qwen2.5-coder", info.FimFormat);
        Assert.Contains("<|im_start|>", info.ChatTemplate, StringComparison.Ordinal);
        Assert.True(model.Fim!.IsRepoLevel);
    }

    [Fact]
    public async Task LoadAsync_ContextSizeAboveTheModels_IsCappedByIt()
    {
        using LlamaLocalModel model = await GeneratedModels.LoadAsync(GeneratedModels.TinyLlamaF16, contextSize: 100_000);

        Assert.Equal(ModelShape.TinyLlama.ContextLength, model.Completion.Info.ContextLength);
    }

    [Theory]
    [InlineData("f16")]
    [InlineData("q8_0")]
    public async Task LoadAsync_HalfAndQ8Llama_Generates(string type)
    {
        string path = type == "f16" ? GeneratedModels.TinyLlamaF16 : GeneratedModels.TinyLlamaQ8;
        using LlamaLocalModel model = await GeneratedModels.LoadAsync(path);

        var (_, usage, _) = await Collect.AllAsync(model.Completion.CompleteAsync(new RawCompletionRequest { Prompt = "class A {", MaxTokens = 8 }, CancellationToken.None));

        Assert.InRange(usage.GeneratedTokens, 0, 8);
        Assert.Equal(9, usage.PromptTokens);
    }

    [Fact]
    public async Task LoadAsync_MissingFile_SaysNotFound()
    {
        var e = await Assert.ThrowsAsync<ModelLoadException>(() => new LlamaSharpModelFactory().LoadAsync(GeneratedModels.Options(GeneratedModels.Path("missing.gguf")), null, CancellationToken.None));

        Assert.Contains("not found", e.Message, StringComparison.Ordinal);
        Assert.Contains("missing.gguf", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LoadAsync_NoModelConfigured_SaysHowToAddOne()
    {
        var e = await Assert.ThrowsAsync<ModelLoadException>(() => new LlamaSharpModelFactory().LoadAsync(new LlmOptions(), null, CancellationToken.None));

        Assert.Contains("codeassist models pull", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LoadAsync_TextFile_SaysNotGguf()
    {
        var e = await Assert.ThrowsAsync<ModelLoadException>(() => new LlamaSharpModelFactory().LoadAsync(GeneratedModels.Options(GeneratedModels.NotGguf), null, CancellationToken.None));

        Assert.Contains("not a GGUF model file", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LoadAsync_UnknownArchitecture_NamesIt()
    {
        var e = await Assert.ThrowsAsync<ModelLoadException>(() => new LlamaSharpModelFactory().LoadAsync(GeneratedModels.Options(GeneratedModels.UnknownArchitecture), null, CancellationToken.None));

        Assert.Contains("'not-a-real-arch' architecture", e.Message, StringComparison.Ordinal);
        Assert.Contains("does not support", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LoadAsync_NotEnoughMemory_SaysHowMuchIsNeeded()
    {
        var factory = new LlamaSharpModelFactory { AvailableMemory = () => 1 << 20 };

        var e = await Assert.ThrowsAsync<ModelLoadException>(() => factory.LoadAsync(GeneratedModels.Options(GeneratedModels.TinyQwen2), null, CancellationToken.None));

        Assert.StartsWith("Not enough memory", e.Message, StringComparison.Ordinal);
        Assert.Contains("0.0 GiB is available", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LoadAsync_UnknownFimFormat_NamesTheSetting()
    {
        var e = await Assert.ThrowsAsync<ModelLoadException>(() => new LlamaSharpModelFactory().LoadAsync(GeneratedModels.Options(GeneratedModels.TinyQwen2) with { FimFormat = "nope" }, null, CancellationToken.None));

        Assert.Contains("Unknown fimFormat 'nope'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LoadAsync_MissingNativeLibrary_SaysWhichSetting()
    {
        var e = await Assert.ThrowsAsync<ModelLoadException>(() => new LlamaSharpModelFactory().LoadAsync(GeneratedModels.Options(GeneratedModels.TinyQwen2) with { NativeLibraryPath = "/nonexistent/libllama.so" }, null, CancellationToken.None));

        Assert.Contains("nativeLibraryPath", e.Message, StringComparison.Ordinal);
    }
}
