namespace CodeAssist.Llm;

/// <summary>A GGUF LoRA adapter applied to the local model (llama.cpp's adapter format) and how strongly.</summary>
/// <param name="Path">The adapter GGUF; trained for the same base model.</param>
/// <param name="Scale">Multiplies the adapter's effect: 1 as trained, 0 off.</param>
public sealed record LoraAdapterOptions(string Path, float Scale = 1f);
