using LLama.Native;

namespace CodeAssist.Llm.LlamaSharp;

/// <summary>One generation on the shared context: a prompt already turned into token ids, and its bounds.</summary>
internal sealed record GenerationRequest(
    IReadOnlyList<LLamaToken> Prompt,
    int MaxTokens,
    IReadOnlyList<string> StopSequences,
    float Temperature,
    uint Seed,
    TimeSpan? TimeLimit);
