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
    /// </summary>
    public static IdentifierConstraint Redact(IdentifierConstraint constraint)
    {
        ArgumentNullException.ThrowIfNull(constraint);
        return new IdentifierConstraint(generated =>
        {
            if (constraint.SiteAfter(generated) is not { } site || SecretRedactor.Redact(site.Typed) != site.Typed)
            {
                return null;
            }

            string[] names = [.. site.Names.Where(name => SecretRedactor.Redact(name) == name)];
            return names.Length == 0 ? null : site with { Names = names };
        });
    }

    public static RawCompletionRequest Redact(RawCompletionRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request with { Prompt = SecretRedactor.Redact(request.Prompt) };
    }
}
