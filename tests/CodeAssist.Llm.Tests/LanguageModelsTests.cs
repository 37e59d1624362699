using CodeAssist.Llm.Models;
using CodeAssist.Llm.Tests.Fakes;
using CodeAssist.TestUtilities.Http;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace CodeAssist.Llm.Tests;

public sealed class LanguageModelsTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("codeassist-models-").FullName;
    private readonly FakeLocalModelFactory _factory = new();

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private ModelCache Cache => new(Path.Combine(_directory, "cache"));

    private LanguageModels Create(LanguageModelSettings settings, ILocalModelFactory? factory = null) =>
        new(settings, localModelFactory: factory ?? _factory, cache: Cache, environment: _ => null);

    private string WriteGguf(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, "GGUF\u0003\0\0\0"u8.ToArray());
        return path;
    }

    private static LanguageModelSettings Local(string model) => new() { Default = new LlmOptions { Provider = "local", Model = model } };

    [Fact]
    public void NoModelAndEmptyCache_IsNotConfigured_WithHowToAddOne()
    {
        using var models = Create(Local(""));

        Assert.Equal(ModelState.NotConfigured, models.Status.State);
        Assert.Contains("codeassist models pull qwen2.5-coder-0.5b", models.Status.Message, StringComparison.Ordinal);
        Assert.Null(models.GetCompletionModel("completion"));
        Assert.Null(models.GetChatClient("explain"));
        Assert.Empty(_factory.Loaded);
    }

    [Fact]
    public async Task NoModelConfigured_UsesTheNewestCachedGguf()
    {
        var older = WriteGguf(Path.Combine(Cache.Directory, "older.gguf"));
        File.SetLastWriteTimeUtc(older, DateTime.UtcNow.AddDays(-1));
        var newest = WriteGguf(Path.Combine(Cache.Directory, "newest.gguf"));
        File.WriteAllText(Path.Combine(Cache.Directory, "partial.gguf.part"), "GG");
        using var models = Create(Local(""));

        await models.WhenLoadedAsync(CancellationToken.None);

        Assert.Equal([newest], _factory.Loaded);
        Assert.Equal(ModelState.Ready, models.Status.State);
        Assert.NotNull(models.GetCompletionModel("completion"));
    }

    [Fact]
    public async Task LocalModel_LoadsInBackground_LoadingThenReady_RaisingStatusChanged()
    {
        var path = WriteGguf(Path.Combine(_directory, "m.gguf"));
        _factory.Gate = new TaskCompletionSource();
        using var models = Create(Local(path));
        var states = new List<ModelState>();
        models.StatusChanged += (_, status) => { lock (states) { states.Add(status.State); } };
        await WaitUntilAsync(() => models.Status.Message.Contains("50%", StringComparison.Ordinal));

        Assert.Equal(ModelState.Loading, models.Status.State);
        Assert.Equal("Loading m.gguf... 50%", models.Status.Message);
        Assert.Null(models.GetCompletionModel("completion"));

        _factory.Gate.SetResult();
        await models.WhenLoadedAsync(CancellationToken.None);

        Assert.Equal(ModelState.Ready, models.Status.State);
        Assert.Equal("m.gguf", models.Status.Model?.ModelId);
        Assert.Contains(ModelState.Ready, states);
        var chat = models.GetChatClient("explain");
        Assert.NotNull(chat);
        Assert.Equal("local answer", (await chat.GetResponseAsync([new ChatMessage(ChatRole.User, "q")])).Text);
    }

    [Fact]
    public async Task LoadFailure_IsFailedStatusWithTheMessage()
    {
        var path = WriteGguf(Path.Combine(_directory, "bad.gguf"));
        _factory.Failure = new ModelLoadException("bad.gguf is not a GGUF file.");
        using var models = Create(Local(path));

        await models.WhenLoadedAsync(CancellationToken.None);

        Assert.Equal(new ModelStatus(ModelState.Failed, "bad.gguf is not a GGUF file."), models.Status);
        Assert.Null(models.GetCompletionModel("completion"));
    }

    [Fact]
    public void MissingFile_NoFactory_UnknownProvider_AndRemoteWithoutEndpoint_FailClearly()
    {
        using (var missing = Create(Local(Path.Combine(_directory, "nope.gguf"))))
        {
            Assert.Equal(ModelState.Failed, missing.Status.State);
            Assert.Contains("Model file not found", missing.Status.Message, StringComparison.Ordinal);
        }

        using (var noFactory = new LanguageModels(Local(WriteGguf(Path.Combine(_directory, "x.gguf"))), cache: Cache, environment: _ => null))
        {
            Assert.Contains("no local model support", noFactory.Status.Message, StringComparison.Ordinal);
        }

        using (var unknown = Create(new LanguageModelSettings { Default = new LlmOptions { Provider = "gemini" } }))
        {
            Assert.Contains("Unknown provider 'gemini'", unknown.Status.Message, StringComparison.Ordinal);
        }

        using (var openAi = Create(new LanguageModelSettings { Default = new LlmOptions { Provider = "openai", Model = "gpt-4o" } }))
        {
            Assert.Contains("needs an `endpoint`", openAi.Status.Message, StringComparison.Ordinal);
        }

        using (var notPulled = Create(Local("qwen2.5-coder-1.5b")))
        {
            Assert.Contains("codeassist models pull qwen2.5-coder-1.5b", notPulled.Status.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Hybrid_LocalForCompletion_RemoteForExplain()
    {
        var path = WriteGguf(Path.Combine(_directory, "small.gguf"));
        var settings = new LanguageModelSettings
        {
            Default = new LlmOptions { Provider = "local", Model = path },
            Features = new Dictionary<string, LlmOptions>
            {
                ["explain"] = new() { Provider = "ollama", Model = "qwen2.5-coder:7b", Endpoint = "http://127.0.0.1:9" },
            },
        };
        using var models = Create(settings);
        await models.WhenLoadedAsync(CancellationToken.None);

        Assert.Equal("local", models.GetCompletionModel("completion")?.Info.Provider);
        Assert.Equal("local", models.GetCompletionModel("fix")?.Info.Provider);
        Assert.Equal("ollama", models.GetCompletionModel("explain")?.Info.Provider);
        Assert.Equal("qwen2.5-coder:7b", models.GetChatClient("explain")?.GetService<ChatClientMetadata>()?.DefaultModelId);
        Assert.Single(_factory.Loaded);
    }

    [Fact]
    public async Task Update_KeepsAnUnchangedModel_AndReplacesAChangedOne()
    {
        var first = WriteGguf(Path.Combine(_directory, "a.gguf"));
        var second = WriteGguf(Path.Combine(_directory, "b.gguf"));
        using var models = Create(Local(first));
        await models.WhenLoadedAsync(CancellationToken.None);

        models.Update(Local(first) with { Default = Local(first).Default with { Threads = 0 } });
        await models.WhenLoadedAsync(CancellationToken.None);
        Assert.Single(_factory.Loaded);

        models.Update(Local(second));
        await models.WhenLoadedAsync(CancellationToken.None);

        Assert.Equal([first, second], _factory.Loaded);
        Assert.True(_factory.Models[0].Disposed);
        Assert.False(_factory.Models[1].Disposed);
        Assert.Equal("b.gguf", models.GetCompletionModel("completion")?.Info.ModelId);
    }

    [Fact]
    public async Task RemoteFailure_IsExplainedInTheStatus_UntilTheNextSuccess()
    {
        var fail = true;
        await using var server = new TestHttpServer(async (_, response, _) =>
        {
            if (fail)
            {
                await response.SendAsync(404, """{"error":"model \"m\" not found"}""");
                return;
            }

            await response.StartStreamAsync(contentType: "application/x-ndjson");
            await response.WriteAsync(TestServer.ProviderHarness.Ndjson(new { response = "ok", done = true, done_reason = "stop" }));
            await response.EndAsync();
        });
        using var harness = new TestServer.ProviderHarness();
        var settings = new LanguageModelSettings { Default = new LlmOptions { Provider = "ollama", Model = "m", Endpoint = server.BaseUri.ToString() } };
        using var models = new LanguageModels(settings, harness.HttpClientFactory, cache: Cache, environment: _ => null);
        var changes = 0;
        models.StatusChanged += (_, _) => Interlocked.Increment(ref changes);
        var model = models.GetCompletionModel("completion")!;

        await Assert.ThrowsAsync<Http.ModelRequestException>(() => TestServer.ProviderHarness.CollectAsync(model.InfillAsync(new InfillRequest { Prefix = "p" }, CancellationToken.None)));

        Assert.Equal(ModelState.Ready, models.Status.State);
        Assert.Contains("The last request failed", models.Status.Message, StringComparison.Ordinal);
        Assert.Contains("not found", models.Status.Message, StringComparison.Ordinal);

        fail = false;
        await TestServer.ProviderHarness.CollectAsync(models.GetCompletionModel("completion")!.InfillAsync(new InfillRequest { Prefix = "p" }, CancellationToken.None));

        Assert.Equal($"Using Ollama at {server.BaseUri.GetLeftPart(UriPartial.Authority)}, model m.", models.Status.Message);
        Assert.Equal(2, changes);
    }

    [Fact]
    public async Task WithoutAnInjectedHttpClientFactory_RemoteCallsWork()
    {
        await using var server = new TestHttpServer(async (_, response, _) =>
        {
            await response.StartStreamAsync(contentType: "application/x-ndjson");
            await response.WriteAsync(TestServer.ProviderHarness.Ndjson(new { response = "done", done = true }));
            await response.EndAsync();
        });
        var settings = new LanguageModelSettings { Default = new LlmOptions { Provider = "ollama", Model = "m", Endpoint = server.BaseUri.ToString() } };
        using var models = new LanguageModels(settings, cache: Cache, environment: _ => null);

        var chunks = await TestServer.ProviderHarness.CollectAsync(models.GetCompletionModel("fix")!.CompleteAsync(new RawCompletionRequest { Prompt = "p" }, CancellationToken.None));

        Assert.Equal("done", string.Concat(chunks.Select(c => c.Text)));
    }

    [Fact]
    public async Task ServiceRegistration_UsesTheRegisteredLocalFactory()
    {
        var path = WriteGguf(Path.Combine(_directory, "di.gguf"));
        var services = new ServiceCollection();
        services.AddSingleton<ILocalModelFactory>(_factory);
        services.AddCodeAssistLanguageModels(_ => Local(path));
        await using var provider = services.BuildServiceProvider(validateScopes: true);

        var models = (LanguageModels)provider.GetRequiredService<ILanguageModels>();
        await models.WhenLoadedAsync(CancellationToken.None);

        Assert.Same(models, provider.GetRequiredService<LanguageModels>());
        Assert.Equal([path], _factory.Loaded);
        Assert.Equal(ModelState.Ready, models.Status.State);
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        for (var i = 0; i < 1000 && !condition(); i++)
        {
            await Task.Delay(10);
        }

        Assert.True(condition());
    }

    [Fact]
    public void Combine_PrefersLoadingThenFailedThenReady()
    {
        var ready = new ModelStatus(ModelState.Ready, "r", new ModelInfo("m", "local", 1, true, null, null));
        var failed = new ModelStatus(ModelState.Failed, "f");
        var loading = new ModelStatus(ModelState.Loading, "l");

        Assert.Equal(ModelState.Loading, LanguageModels.Combine([ready, failed, loading]).State);
        Assert.Equal(new ModelStatus(ModelState.Failed, "f", ready.Model), LanguageModels.Combine([ready, failed]));
        Assert.Equal(ready, LanguageModels.Combine([ready, ready]));
    }
}
