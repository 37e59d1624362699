using CodeAssist.Llm.Redaction;
using Microsoft.Extensions.AI;

namespace CodeAssist.Llm.Chat;

/// <summary>
/// Chat middleware that runs every message (and the system instructions) through <see cref="SecretRedactor"/>
/// before the inner client sees them. Placed in front of remote clients only: local models keep text on the machine.
/// </summary>
public sealed class RedactingChatClient : DelegatingChatClient
{
    public RedactingChatClient(IChatClient innerClient)
        : base(innerClient)
    {
    }

    public override Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        base.GetResponseAsync(Redact(messages), Redact(options), cancellationToken);

    public override IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        base.GetStreamingResponseAsync(Redact(messages), Redact(options), cancellationToken);

    private static List<ChatMessage> Redact(IEnumerable<ChatMessage> messages)
    {
        ArgumentNullException.ThrowIfNull(messages);
        return messages.Select(Redact).ToList();
    }

    private static ChatMessage Redact(ChatMessage message)
    {
        // Only text contents are rewritten; the caller's message objects are left untouched.
        var contents = message.Contents
            .Select(c => c is TextContent text ? new TextContent(SecretRedactor.Redact(text.Text ?? "")) : c)
            .ToList();
        return new ChatMessage(message.Role, contents) { AuthorName = message.AuthorName, MessageId = message.MessageId };
    }

    private static ChatOptions? Redact(ChatOptions? options)
    {
        if (options?.Instructions is null)
        {
            return options;
        }

        var copy = options.Clone();
        copy.Instructions = SecretRedactor.Redact(options.Instructions);
        return copy;
    }
}
