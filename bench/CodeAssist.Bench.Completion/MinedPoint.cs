using System.Text.Json.Serialization;

namespace CodeAssist.Bench.Completion;

/// <summary>One line of ../shared/bench/context/*.jsonl: an identifier declared in another file, and the rest of its line.</summary>
internal sealed record MinedPoint(
    [property: JsonPropertyName("file")] string File,
    [property: JsonPropertyName("line")] int Line,
    [property: JsonPropertyName("character")] int Character,
    [property: JsonPropertyName("offset")] int Offset,
    [property: JsonPropertyName("token")] string Token,
    [property: JsonPropertyName("hole")] string Hole,
    [property: JsonPropertyName("symbol_kind")] string SymbolKind);
