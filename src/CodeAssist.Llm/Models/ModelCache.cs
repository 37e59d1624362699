namespace CodeAssist.Llm.Models;

/// <summary>
/// The user's model directory: $XDG_CACHE_HOME/codeassist/models, else ~/.cache/codeassist/models.
/// Partial downloads end in ".part" and are never offered as models.
/// </summary>
public sealed class ModelCache
{
    public const string PartialSuffix = ".part";

    public ModelCache(string directory)
    {
        Directory = directory;
    }

    public string Directory { get; }

    public static ModelCache ForUser(Func<string, string?>? environment = null) => new(DefaultDirectory(environment ?? Environment.GetEnvironmentVariable));

    public static string DefaultDirectory(Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var cacheHome = environment("XDG_CACHE_HOME");
        if (string.IsNullOrWhiteSpace(cacheHome) || !Path.IsPathRooted(cacheHome))
        {
            var home = environment("HOME");
            if (string.IsNullOrWhiteSpace(home))
            {
                home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
            }

            cacheHome = string.IsNullOrWhiteSpace(home)
                ? Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData)
                : Path.Combine(home, ".cache");
        }

        return Path.Combine(cacheHome, "codeassist", "models");
    }

    /// <summary>Complete .gguf files in the cache, newest first.</summary>
    public IReadOnlyList<CachedModel> List()
    {
        if (!System.IO.Directory.Exists(Directory))
        {
            return [];
        }

        return new DirectoryInfo(Directory)
            .EnumerateFiles("*.gguf", SearchOption.TopDirectoryOnly)
            .Select(f => new CachedModel(f.FullName, f.Length, new DateTimeOffset(f.LastWriteTimeUtc, TimeSpan.Zero)))
            .OrderByDescending(m => m.Modified)
            .ThenBy(m => m.Path, StringComparer.Ordinal)
            .ToArray();
    }

    /// <summary>The model used when none is configured: the most recently downloaded one.</summary>
    public CachedModel? FindDefault() => List().FirstOrDefault();

    /// <summary>A cached file for a catalog name or a file name; null when it is not downloaded.</summary>
    public string? Find(string nameOrFileName)
    {
        var fileName = ModelCatalog.Find(nameOrFileName)?.FileName ?? nameOrFileName;
        var path = Path.Combine(Directory, fileName);
        return File.Exists(path) ? path : null;
    }
}
