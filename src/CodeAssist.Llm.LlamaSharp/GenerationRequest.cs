using CodeAssist.Llm;
using LLama.Native;

namespace CodeAssist.Llm.LlamaSharp;

/// <summary>One generation on the shared context: a prompt already turned into token ids, and its bounds.</summary>
internal sealed record GenerationRequest(
    IReadOnlyList<LLamaToken> Prompt,
    int MaxTokens,
    IReadOnlyList<string> StopSequences,
    float Temperature,
    uint Seed,
    TimeSpan? TimeLimit)
{
    /// <summary>Tokens that end generation besides llama.cpp's end-of-generation set (a FIM template's end tokens).</summary>
    public IReadOnlySet<LLamaToken> StopTokens { get; init; } = new HashSet<LLamaToken>();

    /// <summary>Valid names at identifier sites; null samples freely.</summary>
    public IdentifierConstraint? Identifiers { get; init; }
}
