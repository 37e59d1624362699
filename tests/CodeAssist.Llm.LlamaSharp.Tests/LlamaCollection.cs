namespace CodeAssist.Llm.LlamaSharp.Tests;

/// <summary>Tests that run llama.cpp share one collection: on a 2-core machine parallel decodes only slow each other.</summary>
[CollectionDefinition(Name)]
public sealed class LlamaCollection
{
    public const string Name = "llama.cpp";
}
