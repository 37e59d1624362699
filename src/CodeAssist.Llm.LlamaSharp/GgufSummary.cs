namespace CodeAssist.Llm.LlamaSharp;

/// <summary>What the loader needs from a GGUF header before handing the file to llama.cpp.</summary>
internal sealed record GgufSummary(
    string Architecture,
    int ContextLength,
    int BlockCount,
    int EmbeddingLength,
    int HeadCount,
    int HeadCountKv,
    long FileSize);
