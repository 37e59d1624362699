using CodeAssist.Llm.Http;
using Microsoft.Extensions.AI;

namespace CodeAssist.Llm.Remote;

/// <summary>Chat middleware that feeds <see cref="RemoteHealth"/>.</summary>
internal sealed class HealthReportingChatClient : DelegatingChatClient
{
    private readonly RemoteHealth _health;

    public HealthReportingChatClient(IChatClient innerClient, RemoteHealth health)
        : base(innerClient)
    {
        _health = health;
    }

    public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        _health.ThrowIfOpen();
        try
        {
            var response = await base.GetResponseAsync(messages, options, cancellationToken);
            _health.Succeeded();
            return response;
        }
        catch (ModelRequestException exception)
        {
            _health.Failed(exception);
            throw;
        }
    }

    public override IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        _health.TrackAsync(base.GetStreamingResponseAsync(messages, options, cancellationToken), cancellationToken);
}
