namespace CodeAssist.Gguf;

/// <summary>llama.cpp's token attribute in tokenizer.ggml.token_type.</summary>
public enum GgufTokenType
{
    Normal = 1,
    Unknown = 2,

    /// <summary>Special tokens: only these are parsed as one token when special parsing is on.</summary>
    Control = 3,
    UserDefined = 4,
    Unused = 5,
    Byte = 6,
}
