namespace CodeAssist.Llm;

/// <summary>What the features need to know about a model.</summary>
/// <param name="ModelId">Stable id used in cache keys (file name and size for local models, name for remote ones).</param>
/// <param name="FimFormat">Name of the FIM template in use (e.g. "qwen2.5-coder"), or null when the model has none.</param>
public sealed record ModelInfo(string ModelId, string Provider, int ContextLength, bool SupportsFim, string? FimFormat, string? ChatTemplate)
{
    /// <summary>Whether prompts leave the machine (a remote provider in <see cref="Registry.ProviderRegistry"/>): they are then redacted and time-limited tighter.</summary>
    public bool IsRemote => Registry.ProviderRegistry.BuiltIn.IsRemote(Provider);
    /// <summary>LoRA adapters applied to a local model (full paths), listed by <c>codeassist models info</c>.</summary>
    public IReadOnlyList<LoraAdapterOptions> LoraAdapters { get; init; } = [];
}
