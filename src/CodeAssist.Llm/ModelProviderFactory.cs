using CodeAssist.Llm.Chat;
using CodeAssist.Llm.Http;
using CodeAssist.Llm.Models;
using CodeAssist.Llm.Ollama;
using CodeAssist.Llm.OpenAi;
using CodeAssist.Llm.Redaction;
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
    public const string HowToAddModel =
        "Run `codeassist models pull qwen2.5-coder-0.5b` to download a local model, set `model` to a GGUF file, "
        + "or set `provider` to openai or ollama with an `endpoint`. Until then, features answer from Roslyn alone.";

    public const string RemoteNotAllowed = "Remote providers are off (`remote.allowed: false`): nothing leaves this machine.";

    private readonly IHttpClientFactory _httpClientFactory;
    private readonly ILocalModelFactory? _localModelFactory;
    private readonly ModelCache _cache;
    private readonly Func<string, string?> _environment;
    private readonly ILoggerFactory _loggerFactory;

    public ModelProviderFactory(IHttpClientFactory httpClientFactory, ILocalModelFactory? localModelFactory, ModelCache cache, Func<string, string?> environment, ILoggerFactory loggerFactory)
    {
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
        if (provider != "local")
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
        return options.Provider switch
        {
            "local" => CreateLocal(options),
            "openai" => CreateRemote(options, "openai"),
            "ollama" => CreateRemote(options, "ollama"),
            _ => Failed(options, $"Unknown provider '{options.Provider}': use local, openai or ollama, or a name defined in `providers`."),
        };
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
            return Failed(options, "This build of CodeAssist has no local model support (LLamaSharp); use provider openai or ollama.");
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

    private ModelProvider CreateRemote(LlmOptions options, string kind)
    {
        if (!options.RemoteAllowed)
        {
            return new ModelProvider(options, new ModelStatus(ModelState.NotConfigured, RemoteNotAllowed));
        }

        var endpoint = options.Endpoint;
        if (string.IsNullOrWhiteSpace(endpoint))
        {
            if (kind == "openai")
            {
                return Failed(options, "Provider openai needs an `endpoint`, e.g. http://127.0.0.1:8080 (llama-server) or https://api.openai.com/v1.");
            }

            endpoint = "http://127.0.0.1:11434";
        }

        if (kind == "ollama" && string.IsNullOrWhiteSpace(options.Model))
        {
            return Failed(options, "Provider ollama needs a `model`, e.g. qwen2.5-coder:1.5b.");
        }

        Uri root;
        try
        {
            root = kind == "openai" ? ModelHttpTransport.ParseRoot(endpoint, "/v1") : ModelHttpTransport.ParseRoot(endpoint, "/api");
        }
        catch (ModelRequestException exception)
        {
            return Failed(options, exception.Message + " (setting `endpoint`)");
        }

        var transport = new ModelHttpTransport(_httpClientFactory, options, root, _environment);
        ICompletionModel completion = kind == "openai" ? new OpenAiCompletionModel(transport) : new OllamaCompletionModel(transport);
        IChatClient inner = kind == "openai" ? new OpenAiChatClient(transport) : new OllamaChatClient(transport);
        var label = kind == "openai" ? "OpenAI-compatible server" : "Ollama";
        var model = string.IsNullOrEmpty(options.Model) ? "" : $", model {options.Model}";
        var ready = new ModelStatus(ModelState.Ready, $"Using {label} at {transport.DisplayEndpoint}{model}.", completion.Info);
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
