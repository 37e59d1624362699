using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.AI;

namespace CodeAssist.Features.Caching;

/// <summary>Cache keys: model id plus a SHA-256 of every message's role and text, so any change to code, facts or prompt misses.</summary>
public static class ResponseCacheKey
{
    public static string Create(string modelId, IEnumerable<ChatMessage> messages)
    {
        var builder = new StringBuilder();
        builder.Append(modelId).Append('\u0001');
        foreach (var message in messages)
        {
            builder.Append(message.Role.Value).Append('\u0002').Append(message.Text).Append('\u0003');
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(builder.ToString())));
    }
}
