namespace CodeAssist.Llm.Providers;

/// <summary>One link of a feature's provider chain: the name the user gave it and its resolved settings.</summary>
public sealed record ChainedProvider(string Name, LlmOptions Options);
