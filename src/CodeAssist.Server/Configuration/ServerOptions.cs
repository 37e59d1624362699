using System.Text.Json;
using CodeAssist.Features.Configuration;

namespace CodeAssist.Server.Configuration;

/// <summary>
/// The one current <see cref="CodeAssistOptions"/>: the base layers (defaults, files, environment) with the
/// editor's layer on top. Replaced atomically; readers take the instance current when their request is dequeued.
/// </summary>
public sealed class ServerOptions
{
    private readonly CodeAssistOptions _baseOptions;
    private CodeAssistOptions _current;

    public ServerOptions(CodeAssistOptions baseOptions)
    {
        _baseOptions = baseOptions;
        _current = baseOptions;
    }

    public CodeAssistOptions Current => Volatile.Read(ref _current);

    /// <summary>Raised after the editor's settings changed the options (on the queue's serial section).</summary>
    public event EventHandler<CodeAssistOptions>? Changed;

    /// <summary>Replaces the editor layer. Returns the settings that were rejected, one sentence each.</summary>
    public IReadOnlyList<string> ApplyEditorSettings(JsonElement? settings)
    {
        var problems = new List<string>();
        var next = EditorSettings.Apply(_baseOptions, settings, problems);
        var previous = Interlocked.Exchange(ref _current, next);
        if (!Equals(previous, next))
        {
            Changed?.Invoke(this, next);
        }

        return problems;
    }
}
