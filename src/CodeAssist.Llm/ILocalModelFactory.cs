using Microsoft.Extensions.AI;

namespace CodeAssist.Llm;

/// <summary>
/// Loads local GGUF models. Implemented by CodeAssist.Llm.LlamaSharp so that native backends stay optional:
/// the Llm layer only knows this contract, and the CLI (the composition root) supplies the implementation.
/// </summary>
public interface ILocalModelFactory
{
    /// <summary>Loads the model named by <see cref="LlmOptions.Model"/>; throws <see cref="ModelLoadException"/> with a clear message.</summary>
    Task<ILocalModel> LoadAsync(LlmOptions options, IProgress<double>? progress, CancellationToken cancellationToken);
}

/// <summary>A loaded local model: one live context serves both infill and chat, serialised.</summary>
public interface ILocalModel : IDisposable
{
    ICompletionModel Completion { get; }

    IChatClient Chat { get; }
}
