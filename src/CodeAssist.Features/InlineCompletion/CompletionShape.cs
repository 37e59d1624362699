namespace CodeAssist.Features.InlineCompletion;

public enum CompletionShape
{
    None,
    SingleLine,
    MultiLine,
}
