using System.Text.Json;
using CodeAssist.Features.Configuration;

namespace CodeAssist.Server.Configuration;

/// <summary>
/// The one current <see cref="CodeAssistOptions"/>: <see cref="OptionsLoader"/>'s layers (defaults, user file,
/// workspace <c>.codeassist.json</c>, environment) with the editor's settings on top, then the command line.
/// Replaced atomically; a request reads the instance current when it was dequeued.
/// </summary>
public sealed class ServerOptions
{
    private readonly OptionsLoader _loader;
    private readonly Lock _gate = new();
    private readonly HashSet<string> _reported = new(StringComparer.Ordinal);
    private OptionsSources _sources;
    private CodeAssistOptions _current;

    public ServerOptions(OptionsLoader loader, OptionsSources sources)
    {
        _loader = loader;
        _sources = sources;
        _current = loader.Load(sources).Options;
    }

    public CodeAssistOptions Current => Volatile.Read(ref _current);

    /// <summary>Raised after a reload changed the options (on the queue's serial section).</summary>
    public event EventHandler<CodeAssistOptions>? Changed;

    /// <summary>At initialize: the workspace root (for .codeassist.json) and the editor's initializationOptions.</summary>
    public IReadOnlyList<string> Initialize(string? workspaceRoot, JsonElement? editorSettings) =>
        Reload(_sources with { WorkspaceRoot = workspaceRoot, Editor = Normalize(editorSettings) });

    /// <summary>didChangeConfiguration: the editor's settings replace its previous layer.</summary>
    public IReadOnlyList<string> ApplyEditorSettings(JsonElement? editorSettings) =>
        Reload(_sources with { Editor = Normalize(editorSettings) });

    /// <summary>Returns the problems not reported before (a bad user file is reported once, not on every change).</summary>
    private IReadOnlyList<string> Reload(OptionsSources sources)
    {
        var loaded = _loader.Load(sources);
        CodeAssistOptions previous;
        List<string> fresh;
        lock (_gate)
        {
            _sources = sources;
            previous = Interlocked.Exchange(ref _current, loaded.Options);
            fresh = [.. loaded.Problems.Where(_reported.Add)];
        }

        if (!Equals(previous, loaded.Options))
        {
            Changed?.Invoke(this, loaded.Options);
        }

        return fresh;
    }

    // The JSON document behind the element belongs to the request; keep a copy for later reloads.
    private static JsonElement? Normalize(JsonElement? settings) =>
        settings is { ValueKind: JsonValueKind.Object } value ? value.Clone() : null;
}
