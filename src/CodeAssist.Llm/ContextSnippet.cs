namespace CodeAssist.Llm;

/// <summary>Extra context for a prompt: another file's relevant text (a repo-level FIM format puts each in its own file slot).</summary>
public sealed record ContextSnippet(string FilePath, string Text);
