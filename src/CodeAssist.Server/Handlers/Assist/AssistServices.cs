using CodeAssist.Features.Caching;
using CodeAssist.Features.Common;
using CodeAssist.Features.Explain;
using CodeAssist.Features.Fix;
using CodeAssist.Features.Prompts;
using CodeAssist.Features.Refactor;
using CodeAssist.Features.StackTraces;
using CodeAssist.Llm;
using CodeAssist.Server.Client;
using CodeAssist.Server.Configuration;
using CodeAssist.Server.Protocol;
using Microsoft.CodeAnalysis;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CodeAssist.Server.Handlers.Assist;

/// <summary>
/// The assistant features for the server's handlers, sharing one response cache (in memory, sized by
/// <c>cache.maxEntries</c>, with the team's Redis behind it when <c>cache.redis</c> is set) and the prompt library of the client's root (its overrides only when the folder is
/// trusted). A file under content exclusion gets the features without a model. Works without a registered model.
/// </summary>
public sealed class AssistServices : IDisposable
{
    private readonly Lazy<IResponseCache> _cache;
    private readonly ServerOptions _options;
    private readonly ServerState _state;
    private (string? Root, PromptLibrary Library)? _prompts;

    public AssistServices(IServiceProvider services, ServerOptions options, ServerState state)
    {
        _options = options;
        _state = state;
        Models = services.GetService<ILanguageModels>() ?? new NoLanguageModels();
        TimeProvider = services.GetService<TimeProvider>() ?? TimeProvider.System;

        // Created on first use, after initialize, so that the workspace's and the editor's settings apply.
        _cache = new Lazy<IResponseCache>(() => CreateCache(services, options.Current.Cache, TimeProvider));
    }

    public ILanguageModels Models { get; }

    public TimeProvider TimeProvider { get; }

    public ExplainService ExplainFor(Document document) => new(ModelsFor(document), _cache.Value, Prompts, TimeProvider, _options.Exclusions.Current);

    public FixService FixFor(Document document) => new(ModelsFor(document), _cache.Value, Prompts, TimeProvider, _options.Exclusions.Current);

    public RefactorService RefactorFor(Document document) => new(ModelsFor(document), _cache.Value, Prompts, TimeProvider, _options.Exclusions.Current);

    public StackTraceService StackTraces => new(Models, _cache.Value, Prompts, _options.Exclusions.Current);

    private ILanguageModels ModelsFor(Document document) => ExcludedFileModels.For(Models, _options.Exclusions.Current, document);

    // A folder's own prompt templates are its settings too: read only once the user trusts it (and again if that changes).
    private PromptLibrary Prompts
    {
        get
        {
            var root = _options.Loaded.WorkspaceTrusted ? _state.RootPath : null;
            if (_prompts is { } cached && cached.Root == root)
            {
                return cached.Library;
            }

            var library = PromptLibrary.ForWorkspace(root);
            _prompts = (root, library);
            return library;
        }
    }

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
