using CodeAssist.Features.Caching;
using CodeAssist.Features.Explain;
using CodeAssist.Features.Fix;
using CodeAssist.Features.Prompts;
using CodeAssist.Features.Refactor;
using CodeAssist.Features.StackTraces;
using CodeAssist.Llm;
using CodeAssist.Server.Client;
using CodeAssist.Server.Configuration;
using CodeAssist.Server.Protocol;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CodeAssist.Server.Handlers.Assist;

/// <summary>
/// The assistant features for the server's handlers, sharing one response cache (in memory, sized by
/// <c>cache.maxEntries</c>, with the team's Redis behind it when <c>cache.redis</c> is set) and the prompt library
/// of the client's root. Works without a registered model.
/// </summary>
public sealed class AssistServices : IDisposable
{
    private readonly Lazy<IResponseCache> _cache;
    private readonly Lazy<PromptLibrary> _prompts;

    public AssistServices(IServiceProvider services, ServerOptions options, ServerState state)
    {
        Models = services.GetService<ILanguageModels>() ?? new NoLanguageModels();
        TimeProvider = services.GetService<TimeProvider>() ?? TimeProvider.System;

        // Created on first use, after initialize, so that the workspace's and the editor's settings apply.
        _cache = new Lazy<IResponseCache>(() => CreateCache(services, options.Current.Cache, TimeProvider));

        // Read once the client said where its root is (initialize), so workspace prompt overrides apply.
        _prompts = new Lazy<PromptLibrary>(() => PromptLibrary.ForWorkspace(state.RootPath));
    }

    public ILanguageModels Models { get; }

    public TimeProvider TimeProvider { get; }

    public ExplainService Explain => new(Models, _cache.Value, _prompts.Value, TimeProvider);

    public FixService Fix => new(Models, _cache.Value, _prompts.Value, TimeProvider);

    public RefactorService Refactor => new(Models, _cache.Value, _prompts.Value, TimeProvider);

    public StackTraceService StackTraces => new(Models, _cache.Value, _prompts.Value);

    public void Dispose()
    {
        if (_cache.IsValueCreated)
        {
            (_cache.Value as IDisposable)?.Dispose();
        }
    }

    private static IResponseCache CreateCache(IServiceProvider services, Features.Configuration.CacheOptions options, TimeProvider timeProvider)
    {
        var client = services.GetService<LanguageClient>();
        var shared = SharedResponseCache.Create(
            options.Redis,
            options.MaxEntries,
            Environment.GetEnvironmentVariable,
            timeProvider,
            services.GetService<ILoggerFactory>(),
            notice => _ = client?.ShowMessageAsync(MessageType.Warning, "CodeAssist: " + notice));
        return shared ?? (IResponseCache)new MemoryResponseCache(options.MaxEntries, timeProvider);
    }

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
