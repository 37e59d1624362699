using Microsoft.CodeAnalysis;

namespace CodeAssist.Features.InlineCompletion;

/// <summary>
/// The errors of one member. Errors are matched by id and message (positions move when text is inserted), as a
/// multiset: a second identical error counts as new.
/// </summary>
internal sealed class MemberErrors
{
    public static readonly MemberErrors Empty = new([]);

    public MemberErrors(IReadOnlyList<Diagnostic> errors)
    {
        Errors = errors;
    }

    public IReadOnlyList<Diagnostic> Errors { get; }

    /// <summary>The errors here that <paramref name="before"/> does not have.</summary>
    public IReadOnlyList<Diagnostic> Subtract(MemberErrors before)
    {
        var remaining = new Dictionary<(string, string), int>();
        foreach (var error in before.Errors)
        {
            var key = (error.Id, error.GetMessage());
            remaining[key] = remaining.GetValueOrDefault(key) + 1;
        }

        var added = new List<Diagnostic>();
        foreach (var error in Errors)
        {
            var key = (error.Id, error.GetMessage());
            if (remaining.TryGetValue(key, out var count) && count > 0)
            {
                remaining[key] = count - 1;
            }
            else
            {
                added.Add(error);
            }
        }

        return added;
    }
}
