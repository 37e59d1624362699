using System.Runtime.CompilerServices;

namespace CodeAssist.Llm.Redaction;

/// <summary>Applies <see cref="SecretRedactor"/> to every piece of user text in a request.</summary>
public static class RequestRedaction
{
    public static InfillRequest Redact(InfillRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request with
        {
            Prefix = SecretRedactor.Redact(request.Prefix),
            Suffix = SecretRedactor.Redact(request.Suffix),
            ExtraContext = request.ExtraContext.Select(s => s with { Text = SecretRedactor.Redact(s.Text) }).ToArray(),
            Identifiers = request.Identifiers is { } identifiers ? Redact(identifiers) : null,
        };
    }

    /// <summary>
    /// The names of an identifier site come from the user's code and may be sent (as llama-server's grammar): a name
    /// the redactor would change is dropped rather than sent, and a site whose typed part would change is no site.
    /// The decoding loop asks for a site at every token and a scope site has thousands of names, so the filtered list
    /// is kept per name list (a site provider returns the same list for the same site) and each name's verdict per name.
    /// </summary>
    public static IdentifierConstraint Redact(IdentifierConstraint constraint)
    {
        ArgumentNullException.ThrowIfNull(constraint);
        var filtered = new ConditionalWeakTable<IReadOnlyList<string>, string[]>();
        return new IdentifierConstraint(generated =>
        {
            if (constraint.SiteAfter(generated) is not { } site || !RedactionVerdicts.IsClean(site.Typed))
            {
                return null;
            }

            string[] names = filtered.GetValue(site.Names, RedactionVerdicts.Clean);
            if (names.Length == 0)
            {
                return null;
            }

            return site.Introduced.Count == 0
                ? site with { Names = names }
                : site with { Names = names, Introduced = RedactionVerdicts.Clean(site.Introduced) };
        });
    }

    public static RawCompletionRequest Redact(RawCompletionRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request with { Prompt = SecretRedactor.Redact(request.Prompt) };
    }
}
