using CodeAssist.Context;
using CodeAssist.Llm;
using Microsoft.Extensions.AI;

namespace CodeAssist.Features.Common;

/// <summary>
/// The models a feature sees for a file under content exclusion: none, with the reason as the status, so every
/// feature takes its Roslyn-only path and says why (<see cref="NoModelNotice"/>) without a check of its own.
/// </summary>
public sealed class ExcludedFileModels(string notice) : ILanguageModels
{
    public ModelStatus Status { get; } = new(ModelState.NotConfigured, notice);

    public event EventHandler<ModelStatus>? StatusChanged
    {
        add { }
        remove { }
    }

    /// <summary><paramref name="models"/>, or no models when <paramref name="document"/>'s file is excluded.</summary>
    public static ILanguageModels For(ILanguageModels models, ContentExclusion exclusion, Microsoft.CodeAnalysis.Document document)
    {
        ArgumentNullException.ThrowIfNull(exclusion);
        ArgumentNullException.ThrowIfNull(document);
        return exclusion.NoticeFor(document.FilePath) is { } notice ? new ExcludedFileModels(notice) : models;
    }

    public ICompletionModel? GetCompletionModel(string feature) => null;

    public IChatClient? GetChatClient(string feature) => null;
}
