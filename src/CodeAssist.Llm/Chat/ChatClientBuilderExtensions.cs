using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;

namespace CodeAssist.Llm.Chat;

/// <summary>Builder extensions in the dotnet/extensions style: <c>new ChatClientBuilder(inner).UseSecretRedaction().Build()</c>.</summary>
public static class ChatClientBuilderExtensions
{
    public static ChatClientBuilder UseSecretRedaction(this ChatClientBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.Use(inner => new RedactingChatClient(inner));
    }

    public static ChatClientBuilder UseMetadataLogging(this ChatClientBuilder builder, ILogger logger, string name)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.Use(inner => new MetadataLoggingChatClient(inner, logger, name));
    }
}
