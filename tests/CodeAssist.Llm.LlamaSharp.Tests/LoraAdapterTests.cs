using CodeAssist.Gguf;

namespace CodeAssist.Llm.LlamaSharp.Tests;

/// <summary>
/// A real GGUF LoRA adapter written by our tool, loaded by llama.cpp on a chain model: it changes the greedy output,
/// and at scale 0 the base output is back.
/// </summary>
[Collection(LlamaCollection.Name)]
public sealed class LoraAdapterTests
{
    private static readonly ChainLink[] s_chains = [new(["."], "Count;"), new(["="], "Size;")];
    private static readonly InfillRequest s_infill = new() { Prefix = "var items = new List<int>();\nvar n = items.", Suffix = "\n", MaxTokens = 16 };

    private static string Base => GeneratedModels.Get("chain-lora-base.gguf", () => ChainModel.Build(s_chains));

    private static string Adapter => GeneratedModels.Get("chain-lora-size.gguf", () => ChainAdapter.Build(s_chains, after: ".", write: "Size"));

    [Fact]
    public async Task WithoutAdapter_TheBaseOutput()
    {
        using LlamaLocalModel model = await LoadAsync([]);

        Assert.Equal("Count;", await InfillAsync(model));
        Assert.Empty(model.Completion.Info.LoraAdapters);
    }

    [Fact]
    public async Task Adapter_ChangesTheGreedyOutput_AndIsListed()
    {
        using LlamaLocalModel model = await LoadAsync([new LoraAdapterOptions(Adapter)]);

        Assert.Equal("Size;", await InfillAsync(model));
        Assert.Equal([new LoraAdapterOptions(Path.GetFullPath(Adapter), 1f)], model.Completion.Info.LoraAdapters);
    }

    [Fact]
    public async Task AdapterAtScaleZero_RestoresTheBaseOutput()
    {
        using LlamaLocalModel model = await LoadAsync([new LoraAdapterOptions(Adapter, 0f)]);

        Assert.Equal("Count;", await InfillAsync(model));
    }

    [Fact]
    public async Task MissingAdapter_IsAModelLoadExceptionNamingIt()
    {
        var error = await Assert.ThrowsAsync<ModelLoadException>(() => LoadAsync([new LoraAdapterOptions("/nonexistent/adapter.gguf")]));

        Assert.Contains("adapter.gguf", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AdapterForAnotherModel_IsAModelLoadException()
    {
        // A model of another shape: the adapter's tensors do not fit its output head.
        var factory = new LlamaSharpModelFactory();
        var options = GeneratedModels.Options(GeneratedModels.TinyQwen2) with { LoraAdapters = [new LoraAdapterOptions(Adapter)] };

        await Assert.ThrowsAsync<ModelLoadException>(() => factory.LoadAsync(options, null, CancellationToken.None));
    }

    private static async Task<LlamaLocalModel> LoadAsync(IReadOnlyList<LoraAdapterOptions> adapters)
    {
        var factory = new LlamaSharpModelFactory();
        ILocalModel loaded = await factory.LoadAsync(GeneratedModels.Options(Base) with { LoraAdapters = adapters }, null, CancellationToken.None);
        return (LlamaLocalModel)loaded;
    }

    private static async Task<string> InfillAsync(LlamaLocalModel model) =>
        (await Collect.AllAsync(model.Completion.InfillAsync(s_infill, CancellationToken.None))).Text;
}
