using System.Text.Json;
using CodeAssist.Server.Protocol;

namespace CodeAssist.Server.Handlers;

/// <summary>
/// One LSP method. Derive from <see cref="RequestHandler{TParams, TResult}"/> or <see cref="NotificationHandler{TParams}"/>
/// and add one line to <see cref="HandlerIndex"/>; the transport, the queue and the lifecycle checks do the rest.
/// </summary>
public interface IMethodHandler
{
    string Method { get; }

    /// <summary>
    /// True for methods that change server state (documents, configuration). They run one at a time in arrival
    /// order; everything else runs concurrently on the snapshot captured when it leaves the queue.
    /// </summary>
    bool MutatesState { get; }

    bool IsNotification { get; }

    /// <summary>Reads the params; throws <see cref="InvalidParamsException"/> when they do not fit.</summary>
    object DeserializeParams(JsonElement? json);

    /// <summary>The document the params target, if any (see <see cref="ITextDocumentRequest"/>).</summary>
    string? GetDocumentUri(object parameters);

    Task<object?> InvokeAsync(object parameters, RequestContext context, CancellationToken cancellationToken);

    /// <summary>Called while answering initialize: advertise what this method supports.</summary>
    void ContributeCapabilities(ServerCapabilities capabilities, ClientCapabilities clientCapabilities);
}
