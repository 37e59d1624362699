namespace CodeAssist.Context;

/// <summary>Counts tokens with the active model's tokenizer, or estimates on the safe side when none is loaded.</summary>
public interface ITokenCounter
{
    int CountTokens(string text);
}
