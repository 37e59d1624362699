using System.Text.Json;
using CodeAssist.Context;
using CodeAssist.Features.Configuration;

namespace CodeAssist.Server.Configuration;

/// <summary>
/// The one current <see cref="CodeAssistOptions"/>: <see cref="OptionsLoader"/>'s layers (defaults, user file,
/// workspace <c>.codeassist.json</c>, environment) with the editor's settings on top, then the command line.
/// Replaced atomically; a request reads the instance current when it was dequeued. Also keeps the content
/// exclusion of the workspace (its .codeassistignore and the <c>exclude</c> setting) in step with the settings.
/// </summary>
public sealed class ServerOptions
{
    private readonly OptionsLoader _loader;
    private readonly Lock _gate = new();
    private readonly HashSet<string> _reported = new(StringComparer.Ordinal);
    private OptionsSources _sources;
    private CodeAssistOptions _current;
    private LoadedOptions _loaded;

    public ServerOptions(OptionsLoader loader, OptionsSources sources, ContentExclusions? exclusions = null)
    {
        _loader = loader;
        _sources = sources;
        _loaded = loader.Load(sources);
        _current = _loaded.Options;
        Exclusions = exclusions ?? new ContentExclusions();
        Exclusions.Update(ContentExclusion.Create(null, _current.Exclude));
    }

    public CodeAssistOptions Current => Volatile.Read(ref _current);

    /// <summary>Whether the workspace folder is trusted, and which of its settings were ignored because it is not.</summary>
    public LoadedOptions Loaded => Volatile.Read(ref _loaded);

    public ContentExclusions Exclusions { get; }

    /// <summary>Raised after a reload changed the options (on the queue's serial section).</summary>
    public event EventHandler<CodeAssistOptions>? Changed;

    /// <summary>At initialize: the workspace root (for .codeassist.json) and the editor's initializationOptions.</summary>
    /// <param name="workspaceTrusted">The client's word on trust (null: the user settings' trustedFolders decide).</param>
    public IReadOnlyList<string> Initialize(string? workspaceRoot, JsonElement? editorSettings, bool? workspaceTrusted = null) =>
        Reload(_sources with { WorkspaceRoot = workspaceRoot, Editor = Normalize(editorSettings), WorkspaceTrusted = workspaceTrusted ?? _sources.WorkspaceTrusted });

    /// <summary>codeAssist/didChangeTrust: the user trusted (or distrusted) the folder; its settings are read again.</summary>
    public IReadOnlyList<string> SetWorkspaceTrust(bool trusted) =>
        Reload(_sources with { WorkspaceTrusted = trusted });

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
            Volatile.Write(ref _loaded, loaded);
            previous = Interlocked.Exchange(ref _current, loaded.Options);
            fresh = [.. loaded.Problems.Where(_reported.Add)];
        }

        // The ignore file is read again too: a reload is also how a changed .codeassistignore takes effect.
        Exclusions.Update(ContentExclusion.Create(sources.WorkspaceRoot, loaded.Options.Exclude));
        if (!SameOptions(previous, loaded.Options))
        {
            Changed?.Invoke(this, loaded.Options);
        }

        return fresh;
    }

    // Records compare lists by reference; a reload builds new ones, so lists are compared by content here.
    private static bool SameOptions(CodeAssistOptions a, CodeAssistOptions b) =>
        a.Exclude.SequenceEqual(b.Exclude) && a.TrustedFolders.SequenceEqual(b.TrustedFolders)
        && Equals(a with { Exclude = [], TrustedFolders = [] }, b with { Exclude = [], TrustedFolders = [] });

    // The JSON document behind the element belongs to the request; keep a copy for later reloads.
    private static JsonElement? Normalize(JsonElement? settings) =>
        settings is { ValueKind: JsonValueKind.Object } value ? value.Clone() : null;
}
