using System.Security.Cryptography;
using System.Text;
using CodeAssist.Llm.Redaction;
using Microsoft.Extensions.AI;

namespace CodeAssist.Features.Caching;

/// <summary>
/// Cache keys: a SHA-256 of the key format version, the model id, the settings that change the answer (output
/// limit, temperature) and every message's role and redacted text, so any change to code, facts, prompt template
/// or model misses. Keys travel to a shared Redis, so they hold only the hash, and the hash is of the redacted
/// prompt (a secret in the code must not be confirmable by guessing against the key).
/// </summary>
public static class ResponseCacheKey
{
    /// <summary>Bumped whenever what an answer means for the same prompt changes (e.g. how it is post-processed).</summary>
    public const int FormatVersion = 2;

    public static string Create(string modelId, IEnumerable<ChatMessage> messages) => Create(modelId, messages, "");

    public static string Create(string modelId, IEnumerable<ChatMessage> messages, string answerSettings)
    {
        var builder = new StringBuilder();
        builder.Append('v').Append(FormatVersion).Append('\u0001').Append(modelId).Append('\u0001').Append(answerSettings).Append('\u0001');
        foreach (var message in messages)
        {
            builder.Append(message.Role.Value).Append('\u0002').Append(SecretRedactor.Redact(message.Text)).Append('\u0003');
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(builder.ToString())));
    }
}
