namespace CodeAssist.Llm.Redaction;

/// <summary>
/// A secret found in a text: the characters [<see cref="Start"/>, <see cref="End"/>) are replaced by
/// <see cref="Replacement"/> when the whole span is sent, and by the bare placeholder when a window cuts it.
/// </summary>
public readonly record struct SecretSpan(int Start, int End, string Replacement)
{
    public int Length => End - Start;
}
