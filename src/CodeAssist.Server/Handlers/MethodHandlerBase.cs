using System.Text.Json;
using CodeAssist.Server.Protocol;

namespace CodeAssist.Server.Handlers;

/// <summary>What request and notification handlers share: params binding and the document they target.</summary>
public abstract class MethodHandlerBase<TParams> : IMethodHandler
    where TParams : class
{
    public abstract string Method { get; }

    public virtual bool MutatesState => false;

    public abstract bool IsNotification { get; }

    public object DeserializeParams(JsonElement? json)
    {
        if (typeof(TParams) == typeof(NoParams))
        {
            return NoParams.Instance;
        }

        if (json is null || json.Value.ValueKind != JsonValueKind.Object)
        {
            throw new InvalidParamsException($"{Method} expects an object as params.");
        }

        try
        {
            var parameters = json.Value.Deserialize<TParams>(LspJson.Options)
                ?? throw new InvalidParamsException($"{Method} expects an object as params.");
            ParamsValidator.ThrowIfInvalid(Method, parameters, LspJson.Options);
            return parameters;
        }
        catch (JsonException exception)
        {
            var where = string.IsNullOrEmpty(exception.Path) || exception.Path == "$" ? "" : $" at {exception.Path}";
            throw new InvalidParamsException($"Invalid params for {Method}{where}: {FirstLine(exception.Message)}", exception);
        }
    }

    public virtual string? GetDocumentUri(object parameters) => (parameters as ITextDocumentRequest)?.DocumentUri;

    public abstract Task<object?> InvokeAsync(object parameters, RequestContext context, CancellationToken cancellationToken);

    public virtual void ContributeCapabilities(ServerCapabilities capabilities, ClientCapabilities clientCapabilities)
    {
    }

    private static string FirstLine(string message)
    {
        var end = message.IndexOf(". Path:", StringComparison.Ordinal);
        return end > 0 ? message[..end] : message;
    }
}
