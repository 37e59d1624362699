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
using Microsoft.Extensions.Logging;

namespace CodeAssist.Server.Handlers.Assist;

/// <summary>
/// The assistant features for the server's handlers, sharing one response cache (in memory, sized by
/// <c>cache.maxEntries</c>, with the team's Redis behind it when <c>cache.redis</c> is set; rebuilt when either changes) and the prompt library of the client's root (its overrides only when the folder is
/// trusted). A file under content exclusion gets the features without a model. Without a model (<see cref="NoLanguageModels"/>) every feature answers from Roslyn alone.
/// </summary>
internal sealed class AssistServices : IDisposable
{
    private readonly Lock _cacheLock = new();
    private readonly List<IResponseCache> _retiredCaches = [];
    private readonly LanguageClient _client;
    private readonly ILoggerFactory _loggerFactory;
    private readonly ServerOptions _options;
    private (Features.Configuration.CacheOptions Settings, IResponseCache Cache)? _cache;
    private readonly ServerState _state;
    private (string? Root, PromptLibrary Library)? _prompts;

    public AssistServices(ILanguageModels models, TimeProvider timeProvider, ServerOptions options, ServerState state, LanguageClient client, ILoggerFactory loggerFactory)
    {
        _options = options;
        _state = state;
        _client = client;
        _loggerFactory = loggerFactory;
        Models = models;
        TimeProvider = timeProvider;
    }

    public ILanguageModels Models { get; }

    public TimeProvider TimeProvider { get; }

    public ExplainService ExplainFor(Document document) => new(ModelsFor(document), Cache, Prompts, TimeProvider, _options.Exclusions.Current);

    public FixService FixFor(Document document) => new(ModelsFor(document), Cache, Prompts, TimeProvider, _options.Exclusions.Current);

    public RefactorService RefactorFor(Document document) => new(ModelsFor(document), Cache, Prompts, TimeProvider, _options.Exclusions.Current);

    public StackTraceService StackTraces => new(Models, Cache, Prompts, _options.Exclusions.Current);

    // Created on first use, after initialize, so that the workspace's and the editor's settings apply; built again
    // when `cache.redis` or `cache.maxEntries` changes, so joining (or leaving) a team's Redis needs no restart.
    private IResponseCache Cache
    {
        get
        {
            var settings = _options.Current.Cache;
            lock (_cacheLock)
            {
                if (_cache is { } current && current.Settings == settings)
                {
                    return current.Cache;
                }

                // A request may still be reading the old cache: it is disposed with the services, not now.
                if (_cache is { } replaced)
                {
                    _retiredCaches.Add(replaced.Cache);
                }

                var cache = CreateCache(_client, _loggerFactory, settings, TimeProvider);
                _cache = (settings, cache);
                return cache;
            }
        }
    }

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
        lock (_cacheLock)
        {
            foreach (var cache in _retiredCaches.Append(_cache?.Cache))
            {
                (cache as IDisposable)?.Dispose();
            }

            _retiredCaches.Clear();
            _cache = null;
        }
    }

    private static IResponseCache CreateCache(LanguageClient client, ILoggerFactory loggerFactory, Features.Configuration.CacheOptions options, TimeProvider timeProvider)
    {
        var shared = SharedResponseCache.Create(
            options.Redis,
            options.MaxEntries,
            Environment.GetEnvironmentVariable,
            timeProvider,
            loggerFactory,
            notice => _ = client.ShowMessageAsync(MessageType.Warning, "CodeAssist: " + notice));
        return shared ?? (IResponseCache)new MemoryResponseCache(options.MaxEntries, timeProvider);
    }
}
