using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;

namespace CodeAssist.Llm.Tests.Fakes;

/// <summary>A hand-written local model factory: records loads, can be held at a gate, can fail.</summary>
internal sealed class FakeLocalModelFactory : ILocalModelFactory
{
    public List<string> Loaded { get; } = [];

    public List<FakeLocalModel> Models { get; } = [];

    /// <summary>When set, loads wait for it (to observe the Loading state).</summary>
    public TaskCompletionSource? Gate { get; set; }

    /// <summary>When set, a load waits for the gate even when cancelled (a native load that cannot be interrupted).</summary>
    public bool IgnoresCancellation { get; set; }

    public Exception? Failure { get; set; }

    public async Task<ILocalModel> LoadAsync(LlmOptions options, IProgress<double>? progress, CancellationToken cancellationToken)
    {
        lock (Loaded)
        {
            Loaded.Add(options.Model);
        }

        progress?.Report(0.5);
        if (Gate is { } gate)
        {
            await gate.Task.WaitAsync(IgnoresCancellation ? CancellationToken.None : cancellationToken);
        }

        if (Failure is { } failure)
        {
            throw failure;
        }

        var model = new FakeLocalModel(options);
        lock (Models)
        {
            Models.Add(model);
        }

        return model;
    }
}

internal sealed class FakeLocalModel : ILocalModel, ICompletionModel
{
    public FakeLocalModel(LlmOptions options)
    {
        Info = new ModelInfo(Path.GetFileName(options.Model), "local", 4096, SupportsFim: true, "qwen2.5-coder", "chatml");
        Chat = new FakeChatClient();
    }

    public bool Disposed { get; private set; }

    public ModelInfo Info { get; }

    public ICompletionModel Completion => this;

    public IChatClient Chat { get; }

    public int CountTokens(string text) => text.Length;

    public async IAsyncEnumerable<CompletionChunk> InfillAsync(InfillRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await Task.Yield();
        yield return new CompletionChunk(0, "fake", new CompletionUsage(1, 1, 1, CompletionFinishReason.Stop));
    }

    public IAsyncEnumerable<CompletionChunk> CompleteAsync(RawCompletionRequest request, CancellationToken cancellationToken) =>
        InfillAsync(new InfillRequest { Prefix = request.Prompt }, cancellationToken);

    public void Dispose() => Disposed = true;
}

internal sealed class FakeChatClient : IChatClient
{
    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, "local answer")));

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await Task.Yield();
        yield return new ChatResponseUpdate(ChatRole.Assistant, "local answer");
    }

    public object? GetService(Type serviceType, object? serviceKey = null) => serviceType.IsInstanceOfType(this) ? this : null;

    public void Dispose()
    {
    }
}
