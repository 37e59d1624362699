namespace CodeAssist.Llm;

public enum ModelState
{
    /// <summary>No model configured and none cached: features answer from Roslyn alone.</summary>
    NotConfigured,
    Loading,
    Ready,
    Failed,
}
