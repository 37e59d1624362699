using System.Text.Json.Serialization;
using CodeAssist.Features.Names;

namespace CodeAssist.Features.StackTraces;

/// <summary>A stack trace analysis: the exceptions (innermost first) with resolved frames, and the explanation.</summary>
/// <param name="Markdown">The model's likely cause and fix, or the resolved frames when there is no model.</param>
/// <param name="Notice">Why no model answered and how to add one; null when a model answered.</param>
public sealed record StackTraceReport(IReadOnlyList<ResolvedException> Exceptions, string Markdown, string? ModelId, bool FromCache, string? Notice)
{
    /// <summary>The provider chain link that answered ("team", "local"), when the feature has a chain.</summary>
    public string? Provider { get; init; }

    /// <summary>The code names of the model's analysis, checked against the workspace (empty without a model).</summary>
    public IReadOnlyList<CheckedName> Names => Check?.Names ?? [];

    /// <summary>The model's analysis with its names checked (<see cref="Markdown"/> is its plain rendering); null without a model.</summary>
    [JsonIgnore]
    public CheckedAnswer? Check { get; init; }
}
