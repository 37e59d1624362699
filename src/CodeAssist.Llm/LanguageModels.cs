using CodeAssist.Llm.Http;
using CodeAssist.Llm.Models;
using CodeAssist.Llm.Providers;
using CodeAssist.Llm.Registry;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace CodeAssist.Llm;

/// <summary>
/// The features' entry point to models. Providers are created lazily per distinct settings and re-created only
/// when settings change; local models load in the background (Loading, then Ready or Failed) while features
/// answer from Roslyn alone. A model that is not ready is reported as null, never as an exception.
/// </summary>
public sealed class LanguageModels : ILanguageModels, IDisposable
{
    private readonly Lock _gate = new();
    private readonly ModelProviderFactory _factory;
    private readonly ServiceProvider? _ownedServices;
    private readonly ILogger _chainLogger;
    private Dictionary<string, ModelProvider> _byFeature = [];
    private Dictionary<string, ProviderChain> _chains = [];
    private ModelProvider _default;
    private bool _disposed;

    public LanguageModels(
        LanguageModelSettings settings,
        IHttpClientFactory? httpClientFactory = null,
        ILocalModelFactory? localModelFactory = null,
        ILoggerFactory? loggerFactory = null,
        ModelCache? cache = null,
        Func<string, string?>? environment = null)
        : this(settings, ProviderRegistry.BuiltIn, httpClientFactory, localModelFactory, loggerFactory, cache, environment)
    {
    }

    /// <summary>With another provider registry: tests register providers of their own.</summary>
    internal LanguageModels(
        LanguageModelSettings settings,
        ProviderRegistry registry,
        IHttpClientFactory? httpClientFactory = null,
        ILocalModelFactory? localModelFactory = null,
        ILoggerFactory? loggerFactory = null,
        ModelCache? cache = null,
        Func<string, string?>? environment = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (httpClientFactory is null)
        {
            _ownedServices = new ServiceCollection().AddCodeAssistLlmHttp().BuildServiceProvider();
            httpClientFactory = _ownedServices.GetRequiredService<IHttpClientFactory>();
        }

        environment ??= Environment.GetEnvironmentVariable;
        _chainLogger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger("CodeAssist.Llm.Providers");
        _factory = new ModelProviderFactory(httpClientFactory, localModelFactory, cache ?? ModelCache.ForUser(environment), environment, loggerFactory ?? NullLoggerFactory.Instance, registry);
        _default = null!;
        Update(settings);
    }

    public event EventHandler<ModelStatus>? StatusChanged;

    /// <summary>
    /// The combined status: Loading while any model loads, else Failed if any failed, else Ready if any is ready,
    /// else NotConfigured. <see cref="GetStatus"/> gives one feature's.
    /// </summary>
    public ModelStatus Status
    {
        get
        {
            List<ModelStatus> statuses;
            lock (_gate)
            {
                // A chain reports as one status naming each of its providers' health.
                statuses = [.. _byFeature.Values.Append(_default).Distinct().Select(p => p.Status), .. _chains.Values.Select(c => c.Status)];
            }

            return Combine(statuses);
        }
    }

    public ModelStatus GetStatus(string feature) => ChainFor(feature)?.Status ?? ProviderFor(feature).Status;

    public ICompletionModel? GetCompletionModel(string feature) => ChainFor(feature) is { } chain ? chain.Completion(_chainLogger)
        : ProviderFor(feature) is { Status.State: ModelState.Ready } p ? p.Completion : null;

    public IChatClient? GetChatClient(string feature) => ChainFor(feature) is { } chain ? chain.Chat(_chainLogger)
        : ProviderFor(feature) is { Status.State: ModelState.Ready } p ? p.Chat : null;

    /// <summary>Completes when no model is loading any more (the CLI waits for this before a one-shot command).</summary>
    public Task WhenLoadedAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.WhenAll(AllProviders().Select(p => p.Loading)).WaitAsync(cancellationToken);
        }
    }

    /// <summary>
    /// Applies new settings: providers whose resolved settings did not change are kept (a loaded model stays
    /// loaded), new ones are created, and unused ones are disposed.
    /// </summary>
    public void Update(LanguageModelSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var created = new List<ModelProvider>();
        var retired = new List<ModelProvider>();
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var existing = AllProviders().Where(p => p is not null).ToDictionary(p => p.Options);
            ModelProvider Get(LlmOptions options)
            {
                var resolved = _factory.Resolve(options);
                if (existing.TryGetValue(resolved, out var provider))
                {
                    return provider;
                }

                if (created.Find(p => p.Options == resolved) is { } fresh)
                {
                    return fresh;
                }

                provider = _factory.Create(resolved);
                provider.Changed += OnProviderChanged;
                created.Add(provider);
                return provider;
            }

            _default = Get(settings.Default);
            _byFeature = LanguageModelSettings.KnownFeatures.Concat(settings.Features.Keys).Distinct()
                .Where(f => !settings.Chains.ContainsKey(f))
                .ToDictionary(f => f, f => Get(settings.For(f)));
            _chains = settings.Chains.Where(c => c.Value.Count > 0).ToDictionary(
                c => c.Key,
                c => new ProviderChain([.. c.Value.Select(link => (link.Name, Get(link.Options)))]));
            var inUse = AllProviders().ToHashSet();
            retired.AddRange(existing.Values.Where(p => !inUse.Contains(p)));
        }

        // Started only after subscribing, so a load that finishes at once still raises StatusChanged.
        foreach (var provider in created)
        {
            provider.Start();
        }

        foreach (var provider in retired)
        {
            provider.Changed -= OnProviderChanged;
            provider.Dispose();
        }

        if (created.Count > 0 || retired.Count > 0)
        {
            StatusChanged?.Invoke(this, Status);
        }
    }

    public void Dispose()
    {
        List<ModelProvider> providers;
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            providers = [.. AllProviders()];
        }

        foreach (var provider in providers)
        {
            provider.Dispose();
        }

        _ownedServices?.Dispose();
    }

    internal static ModelStatus Combine(IReadOnlyList<ModelStatus> statuses)
    {
        var ready = statuses.FirstOrDefault(s => s.State == ModelState.Ready);
        foreach (var state in new[] { ModelState.Loading, ModelState.Failed, ModelState.Ready })
        {
            var matching = statuses.Where(s => s.State == state).Select(s => s.Message).Distinct().ToArray();
            if (matching.Length > 0)
            {
                return new ModelStatus(state, string.Join(" ", matching), ready?.Model, statuses.Any(s => s.State == state && s.Degraded));
            }
        }

        return statuses.FirstOrDefault() ?? new ModelStatus(ModelState.NotConfigured, ModelProviderFactory.HowToAddModel);
    }

    // Callers hold _gate.
    private IEnumerable<ModelProvider> AllProviders() =>
        _byFeature.Values.Append(_default).Concat(_chains.Values.SelectMany(c => c.Providers)).Distinct();

    private ProviderChain? ChainFor(string feature)
    {
        lock (_gate)
        {
            return _chains.GetValueOrDefault(feature);
        }
    }

    private ModelProvider ProviderFor(string feature)
    {
        lock (_gate)
        {
            return _byFeature.TryGetValue(feature, out var provider) ? provider : _default;
        }
    }

    private void OnProviderChanged(ModelProvider provider) => StatusChanged?.Invoke(this, Status);
}
