using System.Text.Json.Serialization;

namespace CodeAssist.Bench;

/// <summary>
/// One line of shared/bench/context/*.jsonl as the miner writes it (every field of its README): an identifier declared
/// in another file, and the rest of its line. Compiled into both bench projects (they do not reference each other):
/// the context bench reads and mines them, the completion bench replays and verifies them.
/// </summary>
internal sealed record MinedPoint(
    [property: JsonPropertyName("repo")] string Repo,
    [property: JsonPropertyName("commit")] string Commit,
    [property: JsonPropertyName("project")] string Project,
    [property: JsonPropertyName("file")] string File,
    [property: JsonPropertyName("line")] int Line,
    [property: JsonPropertyName("character")] int Character,
    [property: JsonPropertyName("offset")] int Offset,
    [property: JsonPropertyName("token")] string Token,
    [property: JsonPropertyName("hole")] string Hole,
    [property: JsonPropertyName("symbol")] string Symbol,
    [property: JsonPropertyName("symbol_kind")] string SymbolKind,
    [property: JsonPropertyName("decl_file")] string DeclFile,
    [property: JsonPropertyName("decl_line")] int DeclLine);
