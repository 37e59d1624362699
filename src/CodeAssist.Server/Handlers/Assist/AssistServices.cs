using CodeAssist.Features.Caching;
using CodeAssist.Features.Common;
using CodeAssist.Features.Explain;
using CodeAssist.Features.Fix;
using CodeAssist.Features.Prompts;
using CodeAssist.Features.Refactor;
using CodeAssist.Features.StackTraces;
using CodeAssist.Llm;
using CodeAssist.Server.Configuration;
using Microsoft.CodeAnalysis;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;

namespace CodeAssist.Server.Handlers.Assist;

/// <summary>
/// The assistant features for the server's handlers, sharing one in-memory response cache (sized by
/// <c>cache.maxEntries</c>) and the prompt library of the client's root (its overrides only when the folder is
/// trusted). A file under content exclusion gets the features without a model. Works without a registered model.
/// </summary>
public sealed class AssistServices : IDisposable
{
    private readonly MemoryResponseCache _cache;
    private readonly ServerOptions _options;
    private readonly ServerState _state;
    private (string? Root, PromptLibrary Library)? _prompts;

    public AssistServices(IServiceProvider services, ServerOptions options, ServerState state)
    {
        _options = options;
        _state = state;
        Models = services.GetService<ILanguageModels>() ?? new NoLanguageModels();
        TimeProvider = services.GetService<TimeProvider>() ?? TimeProvider.System;
        _cache = new MemoryResponseCache(options.Current.Cache.MaxEntries, TimeProvider);
    }

    public ILanguageModels Models { get; }

    public TimeProvider TimeProvider { get; }

    public ExplainService ExplainFor(Document document) => new(ModelsFor(document), _cache, Prompts, TimeProvider, _options.Exclusions.Current);

    public FixService FixFor(Document document) => new(ModelsFor(document), _cache, Prompts, TimeProvider, _options.Exclusions.Current);

    public RefactorService RefactorFor(Document document) => new(ModelsFor(document), _cache, Prompts, TimeProvider, _options.Exclusions.Current);

    public StackTraceService StackTraces => new(Models, _cache, Prompts, _options.Exclusions.Current);

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
