namespace CodeAssist.Llm.Providers;

/// <summary>A ready provider of a chain at the moment a request starts: its name and its client.</summary>
internal sealed record ChainMember<T>(string Name, T Client);
