namespace CodeAssist.Llm;

public enum CompletionFinishReason
{
    Stop,
    Length,
    TimeLimit,
    Cancelled,
}
