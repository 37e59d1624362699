using CodeAssist.Llm.Chat;
using CodeAssist.Llm.Http;
using CodeAssist.Llm.Models;
using CodeAssist.Llm.Redaction;
using CodeAssist.Llm.Registry;
using CodeAssist.Llm.Remote;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;

namespace CodeAssist.Llm;

/// <summary>
/// Turns one feature's settings into a <see cref="ModelProvider"/>: resolves the local model file (configured,
/// named, or the newest cached one), checks what can be checked without loading, and starts loading local models
/// in the background. Remote providers are ready at once: nothing is sent until a feature asks.
/// </summary>
internal sealed class ModelProviderFactory
{
    public static readonly string HowToAddModel =
        "Run `codeassist models pull qwen2.5-coder-0.5b` to download a local model, set `model` to a GGUF file, "
        + $"or set `provider` to {string.Join(" or ", ProviderRegistry.BuiltIn.Names.Skip(1))} with an `endpoint`. Until then, features answer from Roslyn alone.";

    public const string RemoteNotAllowed = "Remote providers are off (`remote.allowed: false`): nothing leaves this machine.";

    private readonly IHttpClientFactory _httpClientFactory;
    private readonly ILocalModelFactory? _localModelFactory;
    private readonly ModelCache _cache;
    private readonly Func<string, string?> _environment;
    private readonly ILoggerFactory _loggerFactory;
    private readonly ProviderRegistry _registry;

    public ModelProviderFactory(
        IHttpClientFactory httpClientFactory, ILocalModelFactory? localModelFactory, ModelCache cache, Func<string, string?> environment, ILoggerFactory loggerFactory, ProviderRegistry registry)
    {
        _registry = registry;
        _httpClientFactory = httpClientFactory;
        _localModelFactory = localModelFactory;
        _cache = cache;
        _environment = environment;
        _loggerFactory = loggerFactory;
    }

    /// <summary>Settings with the local model path resolved, so identical models share one provider.</summary>
    public LlmOptions Resolve(LlmOptions options)
    {
        var provider = options.Provider.Trim().ToLowerInvariant();
        options = options with { Provider = provider };
        if (provider != ProviderRegistry.Local)
        {
            return options;
        }

        if (string.IsNullOrWhiteSpace(options.Model))
        {
            return options with { Model = _cache.FindDefault()?.Path ?? "" };
        }

        var model = options.Model.Trim();
        if (model.StartsWith("~/", StringComparison.Ordinal) && _environment("HOME") is { Length: > 0 } home)
        {
            model = Path.Combine(home, model[2..]);
        }

        if (ModelCatalog.Find(model) is not null && !File.Exists(model))
        {
            // A catalog name: use the downloaded file, or keep the name so the status says how to download it.
            return options with { Model = _cache.Find(model) ?? model };
        }

        return options with { Model = Path.GetFullPath(model) };
    }

    public ModelProvider Create(LlmOptions options)
    {
        if (options.Provider == ProviderRegistry.Local)
        {
            return CreateLocal(options);
        }

        return _registry.FindRemote(options.Provider) is { } kind
            ? CreateRemote(options, kind)
            : Failed(options, $"Unknown provider '{options.Provider}': use {_registry.NamesForMessages}, or a name defined in `providers`.");
    }

    private ModelProvider CreateLocal(LlmOptions options)
    {
        if (string.IsNullOrEmpty(options.Model))
        {
            return new ModelProvider(options, new ModelStatus(ModelState.NotConfigured, "No model is configured and none is downloaded. " + HowToAddModel));
        }

        if (ModelCatalog.Find(options.Model) is { } known)
        {
            return Failed(options, $"Model '{known.Name}' is not downloaded yet: run `codeassist models pull {known.Name}`.");
        }

        if (!File.Exists(options.Model) && !Directory.Exists(options.Model))
        {
            return Failed(options, $"Model file not found: {options.Model} (setting `model`). " + HowToAddModel);
        }

        if (ModelFileCheck.FindProblem(options.Model) is { } problem)
        {
            return Failed(options, problem + " (setting `model`)");
        }

        if (_localModelFactory is null)
        {
            return Failed(options, $"This build of CodeAssist has no local model support (LLamaSharp); use provider {string.Join(" or ", _registry.Names.Skip(1))}.");
        }

        var name = Path.GetFileName(options.Model);
        var provider = new ModelProvider(options, new ModelStatus(ModelState.Loading, $"Loading {name}..."));
        var factory = _localModelFactory;
        provider.SetLoader(async cancellationToken =>
        {
            try
            {
                var progress = new LoadProgress(fraction => provider.SetStatus(new ModelStatus(ModelState.Loading, $"Loading {name}... {fraction * 100:0}%"), onlyWhile: ModelState.Loading));
                var local = await LoadWithinTimeoutAsync(factory, options, progress, cancellationToken);
                var chat = new ChatClientBuilder(local.Chat).UseMetadataLogging(_loggerFactory.CreateLogger("CodeAssist.Llm.Chat"), name).Build();
                provider.SetReady(local.Completion, chat, new ModelStatus(ModelState.Ready, $"{name} is loaded.", local.Completion.Info), local);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                // Settings changed while loading; this provider is already discarded.
            }
            catch (ModelLoadException exception)
            {
                provider.SetStatus(new ModelStatus(ModelState.Failed, exception.Message));
            }
            catch (Exception exception) when (exception is not OutOfMemoryException)
            {
                // Any failure of a native load fails the model, never the server.
                provider.SetStatus(new ModelStatus(ModelState.Failed, $"Could not load {name}: {exception.Message}"));
            }
        });
        return provider;
    }

    /// <summary>
    /// Loads the model, giving up after <see cref="LlmOptions.LoadTimeout"/>. The load is asked to stop; a native load
    /// that cannot be interrupted is left to finish in the background and its model is disposed when it does.
    /// </summary>
    private static async Task<ILocalModel> LoadWithinTimeoutAsync(
        ILocalModelFactory factory, LlmOptions options, IProgress<double> progress, CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var loading = factory.LoadAsync(options, progress, stop.Token);
        try
        {
            return await loading.WaitAsync(options.LoadTimeout, cancellationToken);
        }
        catch (TimeoutException)
        {
            await stop.CancelAsync();
            _ = loading.ContinueWith(
                finished => finished.Result.Dispose(), CancellationToken.None, TaskContinuationOptions.OnlyOnRanToCompletion, TaskScheduler.Default);
            throw new ModelLoadException(
                $"Loading {Path.GetFileName(options.Model)} did not finish within {options.LoadTimeout.TotalSeconds:0} s "
                + "(setting `modelLoadTimeoutSeconds`). A slow disk or a model too large for this machine? Choose a smaller model or raise the limit.");
        }
    }

    /// <summary>Builds any remote provider: the checks, the health breaker and redaction are the same for all of them.</summary>
    private ModelProvider CreateRemote(LlmOptions options, RemoteProviderKind kind)
    {
        if (!options.RemoteAllowed)
        {
            return new ModelProvider(options, new ModelStatus(ModelState.NotConfigured, RemoteNotAllowed));
        }

        var endpoint = options.Endpoint;
        if (string.IsNullOrWhiteSpace(endpoint))
        {
            if (kind.DefaultEndpoint is null)
            {
                return Failed(options, $"Provider {kind.Name} needs an `endpoint`, e.g. {kind.EndpointExample}.");
            }

            endpoint = kind.DefaultEndpoint;
        }

        if (kind.ModelExample is not null && string.IsNullOrWhiteSpace(options.Model))
        {
            return Failed(options, $"Provider {kind.Name} needs a `model`, e.g. {kind.ModelExample}.");
        }

        Uri root;
        try
        {
            root = ModelHttpTransport.ParseRoot(endpoint, kind.ApiSuffix);
        }
        catch (ModelRequestException exception)
        {
            return Failed(options, exception.Message + " (setting `endpoint`)");
        }

        var transport = new ModelHttpTransport(_httpClientFactory, options, root, _environment);
        var completion = kind.CreateCompletion(transport);
        var inner = kind.CreateChat(transport);
        var model = string.IsNullOrEmpty(options.Model) ? "" : $", model {options.Model}";
        var ready = new ModelStatus(ModelState.Ready, $"Using {kind.Label} at {transport.DisplayEndpoint}{model}.", completion.Info);
        var provider = new ModelProvider(options, new ModelStatus(ModelState.Loading, ""));
        var health = new RemoteHealth(provider, ready);

        // Outermost first: redaction before anything else sees the messages; health sees provider errors.
        var builder = new ChatClientBuilder(inner);
        if (options.RedactSecrets)
        {
            builder.UseSecretRedaction();
        }

        var chat = builder
            .UseMetadataLogging(_loggerFactory.CreateLogger("CodeAssist.Llm.Chat"), completion.Info.ModelId)
            .Use(client => new HealthReportingChatClient(client, health))
            .Build();
        ICompletionModel reported = new HealthReportingCompletionModel(completion, health);
        provider.SetReady(options.RedactSecrets ? new RedactingCompletionModel(reported) : reported, chat, ready);
        return provider;
    }

    private static ModelProvider Failed(LlmOptions options, string message) => new(options, new ModelStatus(ModelState.Failed, message));
}
