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
        };
    }

    public static RawCompletionRequest Redact(RawCompletionRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request with { Prompt = SecretRedactor.Redact(request.Prompt) };
    }
}
