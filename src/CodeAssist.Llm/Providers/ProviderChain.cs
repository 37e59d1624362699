using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;

namespace CodeAssist.Llm.Providers;

/// <summary>
/// A feature's ordered providers. The clients are built per request from the providers that are ready at that
/// moment, so a local model that finishes loading, or a remote one switched back on, joins without a restart.
/// </summary>
internal sealed class ProviderChain
{
    public ProviderChain(IReadOnlyList<(string Name, ModelProvider Provider)> links)
    {
        Links = links;
    }

    public IReadOnlyList<(string Name, ModelProvider Provider)> Links { get; }

    public IEnumerable<ModelProvider> Providers => Links.Select(l => l.Provider);

    /// <summary>
    /// Ready if any link is ready (a request can be answered), else the most telling state of the others. The
    /// message names every link with its own health: "team: ... The last request failed: ...; local: ... is loaded."
    /// </summary>
    public ModelStatus Status
    {
        get
        {
            var statuses = Links.Select(l => (l.Name, l.Provider.Status)).ToList();
            var message = string.Join(" ", statuses.Select(s => $"[{s.Name}] {s.Status.Message}".TrimEnd()));
            var ready = statuses.Select(s => s.Status).FirstOrDefault(s => s.State == ModelState.Ready);
            var state = ready?.State
                ?? statuses.Select(s => s.Status.State).OrderBy(s => s switch { ModelState.Loading => 0, ModelState.Failed => 1, _ => 2 }).First();
            return new ModelStatus(state, message, ready?.Model);
        }
    }

    public IChatClient? Chat(ILogger logger)
    {
        var members = Ready(p => p.Chat);
        return members.Count == 0 ? null : new FallbackChatClient(members, logger);
    }

    public ICompletionModel? Completion(ILogger logger)
    {
        var members = Ready(p => p.Completion);
        return members.Count == 0 ? null : new FallbackCompletionModel(members, logger);
    }

    private List<ChainMember<T>> Ready<T>(Func<ModelProvider, T?> client)
        where T : class =>
        [.. Links.Where(l => l.Provider.Status.State == ModelState.Ready && client(l.Provider) is not null)
            .Select(l => new ChainMember<T>(l.Name, client(l.Provider)!))];
}
