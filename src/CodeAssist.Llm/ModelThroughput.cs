namespace CodeAssist.Llm;

/// <summary>
/// How fast a model has been on this machine: prompt tokens evaluated and tokens generated per second, averaged
/// over recent calls. Features size their prompts with it so that a cold request still answers in time.
/// </summary>
public sealed record ModelThroughput(double PromptTokensPerSecond, double GeneratedTokensPerSecond);
