using CodeAssist.Features.Caching;
using CodeAssist.Features.Explain;
using CodeAssist.Features.Fix;
using CodeAssist.Features.Prompts;
using CodeAssist.Features.Refactor;
using CodeAssist.Features.StackTraces;
using CodeAssist.Llm;
using CodeAssist.Server.Configuration;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;

namespace CodeAssist.Server.Handlers.Assist;

/// <summary>
/// The assistant features for the server's handlers, sharing one in-memory response cache (sized by
/// <c>cache.maxEntries</c>) and the prompt library of the client's root. Works without a registered model.
/// </summary>
public sealed class AssistServices : IDisposable
{
    private readonly MemoryResponseCache _cache;
    private readonly Lazy<PromptLibrary> _prompts;

    public AssistServices(IServiceProvider services, ServerOptions options, ServerState state)
    {
        Models = services.GetService<ILanguageModels>() ?? new NoLanguageModels();
        TimeProvider = services.GetService<TimeProvider>() ?? TimeProvider.System;
        _cache = new MemoryResponseCache(options.Current.Cache.MaxEntries, TimeProvider);

        // Read once the client said where its root is (initialize), so workspace prompt overrides apply.
        _prompts = new Lazy<PromptLibrary>(() => PromptLibrary.ForWorkspace(state.RootPath));
    }

    public ILanguageModels Models { get; }

    public TimeProvider TimeProvider { get; }

    public ExplainService Explain => new(Models, _cache, _prompts.Value, TimeProvider);

    public FixService Fix => new(Models, _cache, _prompts.Value, TimeProvider);

    public RefactorService Refactor => new(Models, _cache, _prompts.Value, TimeProvider);

    public StackTraceService StackTraces => new(Models, _cache, _prompts.Value);

    public void Dispose() => _cache.Dispose();

    private sealed class NoLanguageModels : ILanguageModels
    {
        public ModelStatus Status { get; } = new(ModelState.NotConfigured, "No model configured.");

        public event EventHandler<ModelStatus>? StatusChanged
        {
            add { }
            remove { }
        }

        public ICompletionModel? GetCompletionModel(string feature) => null;

        public IChatClient? GetChatClient(string feature) => null;
    }
}
