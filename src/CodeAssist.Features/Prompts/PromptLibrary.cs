using System.Collections.Concurrent;

namespace CodeAssist.Features.Prompts;

/// <summary>
/// Finds the template of a feature: <c>.codeassist/prompts/NAME.md</c> in the workspace, then
/// <c>~/.config/codeassist/prompts/NAME.md</c>, then the one shipped inside this assembly.
/// </summary>
public sealed class PromptLibrary
{
    public const string Explain = "explain";
    public const string Fix = "fix";
    public const string Refactor = "refactor";
    public const string Debug = "debug";

    private readonly IReadOnlyList<string> _overrideDirectories;
    private readonly ConcurrentDictionary<string, PromptTemplate> _loaded = new();

    /// <param name="overrideDirectories">Directories searched in order before the built-in templates.</param>
    public PromptLibrary(IReadOnlyList<string> overrideDirectories)
    {
        _overrideDirectories = overrideDirectories;
    }

    public static PromptLibrary BuiltInOnly { get; } = new([]);

    /// <summary>The usual search path for a workspace root (may be null when there is none).</summary>
    public static PromptLibrary ForWorkspace(string? workspaceRoot)
    {
        var directories = new List<string>();
        if (!string.IsNullOrEmpty(workspaceRoot))
        {
            directories.Add(Path.Combine(workspaceRoot, ".codeassist", "prompts"));
        }

        directories.Add(Path.Combine(UserConfigDirectory(), "prompts"));
        return new PromptLibrary(directories);
    }

    public static string UserConfigDirectory()
    {
        var xdg = Environment.GetEnvironmentVariable("XDG_CONFIG_HOME");
        var root = !string.IsNullOrEmpty(xdg) ? xdg
            : OperatingSystem.IsWindows() ? Environment.GetFolderPath(Environment.SpecialFolder.ApplicationData)
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".config");
        return Path.Combine(root, "codeassist");
    }

    public PromptTemplate Get(string name) => _loaded.GetOrAdd(name, Load);

    private PromptTemplate Load(string name)
    {
        foreach (var directory in _overrideDirectories)
        {
            var path = Path.Combine(directory, name + ".md");
            if (File.Exists(path))
            {
                return PromptTemplate.Parse(name, path, File.ReadAllText(path));
            }
        }

        return PromptTemplate.Parse(name, "built-in", ReadBuiltIn(name));
    }

    public static string ReadBuiltIn(string name)
    {
        var assembly = typeof(PromptLibrary).Assembly;
        using var stream = assembly.GetManifestResourceStream($"CodeAssist.Features.Prompts.Templates.{name}.md")
            ?? throw new ArgumentException($"No built-in prompt named '{name}'.", nameof(name));
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
