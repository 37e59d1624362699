using System.Text.Json.Serialization;

namespace CodeAssist.Bench.Context;

/// <summary>One mined cross-file completion point (see shared/bench/context/README.md).</summary>
internal sealed record BenchPoint(
    [property: JsonPropertyName("repo")] string Repo,
    [property: JsonPropertyName("project")] string Project,
    [property: JsonPropertyName("file")] string File,
    [property: JsonPropertyName("line")] int Line,
    [property: JsonPropertyName("character")] int Character,
    [property: JsonPropertyName("offset")] int Offset,
    [property: JsonPropertyName("token")] string Token,
    [property: JsonPropertyName("hole")] string Hole,
    [property: JsonPropertyName("symbol_kind")] string SymbolKind,
    [property: JsonPropertyName("symbol")] string? Symbol = null,
    [property: JsonPropertyName("decl_file")] string? DeclFile = null);
