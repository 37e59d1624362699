namespace CodeAssist.Gguf;

/// <summary>A byte-level BPE tokenizer as GGUF stores it (tokenizer.ggml.model = "gpt2").</summary>
/// <param name="PreTokenizer">llama.cpp pre-tokenizer name (tokenizer.ggml.pre), e.g. "qwen2".</param>
public sealed record TokenizerSpec(
    IReadOnlyList<string> Tokens,
    IReadOnlyList<GgufTokenType> TokenTypes,
    IReadOnlyList<string> Merges,
    int BosId,
    int EosId,
    int PadId,
    string PreTokenizer,
    string ChatTemplate)
{
    /// <summary>The ChatML template Qwen models ship (llama.cpp recognises it by &lt;|im_start|&gt;).</summary>
    public const string ChatMlTemplate =
        "{% for message in messages %}{{'<|im_start|>' + message['role'] + '\\n' + message['content'] + '<|im_end|>' + '\\n'}}{% endfor %}"
        + "{% if add_generation_prompt %}{{ '<|im_start|>assistant\\n' }}{% endif %}";

    /// <summary>Qwen2.5-Coder's special tokens in id order; the FIM and repo-level ones are what completion relies on.</summary>
    public static IReadOnlyList<string> QwenSpecialTokens { get; } =
    [
        "<|endoftext|>", "<|im_start|>", "<|im_end|>", "<|object_ref_start|>", "<|object_ref_end|>", "<|box_start|>",
        "<|box_end|>", "<|quad_start|>", "<|quad_end|>", "<|vision_start|>", "<|vision_end|>", "<|vision_pad|>",
        "<|image_pad|>", "<|video_pad|>", "<tool_call>", "</tool_call>", "<|fim_prefix|>", "<|fim_middle|>",
        "<|fim_suffix|>", "<|fim_pad|>", "<|repo_name|>", "<|file_sep|>",
    ];

    public int IdOf(string token)
    {
        for (int i = 0; i < Tokens.Count; i++)
        {
            if (Tokens[i] == token)
            {
                return i;
            }
        }

        throw new KeyNotFoundException($"Token {token} is not in the vocabulary.");
    }

    /// <summary>Qwen marks tool-call tags as ordinary added text (USER_DEFINED); every other special is CONTROL.</summary>
    public static GgufTokenType SpecialType(string token) =>
        token is "<tool_call>" or "</tool_call>" ? GgufTokenType.UserDefined : GgufTokenType.Control;
}
