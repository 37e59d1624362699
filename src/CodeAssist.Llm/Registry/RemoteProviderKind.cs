using CodeAssist.Llm.Http;
using Microsoft.Extensions.AI;

namespace CodeAssist.Llm.Registry;

/// <summary>
/// Everything that differs between remote providers, as data: the factory builds, checks and wraps (redaction,
/// health, logging) every remote provider the same way from this, so a new one cannot skip a protection.
/// </summary>
/// <param name="Name">The `provider` setting's value.</param>
/// <param name="Label">How status messages name the server ("Ollama").</param>
/// <param name="ApiSuffix">The API path a pasted endpoint may end with ("/v1"); stripped to find the server root.</param>
/// <param name="DefaultEndpoint">Used when `endpoint` is empty; null when the provider cannot guess one.</param>
/// <param name="EndpointExample">Shown when `endpoint` is missing and there is no default.</param>
/// <param name="ModelExample">When set, `model` is required and this example is shown when it is missing.</param>
/// <param name="CreateCompletion">The provider's completion model over one transport.</param>
/// <param name="CreateChat">The provider's chat client over one transport.</param>
internal sealed record RemoteProviderKind(
    string Name,
    string Label,
    string ApiSuffix,
    string? DefaultEndpoint,
    string EndpointExample,
    string? ModelExample,
    Func<ModelHttpTransport, ICompletionModel> CreateCompletion,
    Func<ModelHttpTransport, IChatClient> CreateChat);
