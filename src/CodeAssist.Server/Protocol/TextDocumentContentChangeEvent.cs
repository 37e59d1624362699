using System.Text.Json;
using System.Text.Json.Serialization;

namespace CodeAssist.Server.Protocol;

/// <summary>A change; without <see cref="Range"/> it replaces the whole document.</summary>
public sealed record TextDocumentContentChangeEvent
{
    public Range? Range { get; init; }

    public int? RangeLength { get; init; }

    public required string Text { get; init; }
}
