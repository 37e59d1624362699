using System.Text.Json;

namespace CodeAssist.Features.Caching;

/// <summary>
/// The CLI's cache: one JSON file per key under a directory, so separate runs share answers.
/// Writes go to a unique temporary file and are renamed into place, so concurrent runs never see half a file;
/// an entry that fails to parse or whose key does not match (a truncated or foreign file) is a miss and is deleted.
/// The directory is trimmed to <see cref="MaxBytes"/> by dropping the least recently written entries.
/// </summary>
public sealed class DiskResponseCache(string directory, long maxBytes = DiskResponseCache.DefaultMaxBytes) : IResponseCache
{
    public const long DefaultMaxBytes = 16 * 1024 * 1024;

    public string Directory { get; } = directory;

    public long MaxBytes { get; } = maxBytes;

    /// <summary>$XDG_CACHE_HOME/codeassist/responses, or the platform's local application data folder.</summary>
    public static string DefaultDirectory()
    {
        var xdg = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
        var root = !string.IsNullOrEmpty(xdg) ? xdg
            : OperatingSystem.IsWindows() ? Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData)
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache");
        return Path.Combine(root, "codeassist", "responses");
    }

    public ValueTask<string?> GetAsync(string key, CancellationToken cancellationToken) => ValueTask.FromResult(Get(key));

    public ValueTask SetAsync(string key, string value, CancellationToken cancellationToken)
    {
        Set(key, value);
        return ValueTask.CompletedTask;
    }

    public string? Get(string key)
    {
        var path = PathFor(key);
        try
        {
            var entry = JsonSerializer.Deserialize<Entry>(File.ReadAllText(path));
            if (entry is not null && entry.Key == key && entry.Value is not null)
            {
                return entry.Value;
            }
        }
        catch (FileNotFoundException)
        {
            return null;
        }
        catch (DirectoryNotFoundException)
        {
            return null;
        }
        catch (JsonException)
        {
            TryDelete(path);
        }
        catch (IOException)
        {
            // Another run is replacing the file right now; a miss is the safe answer.
        }

        return null;
    }

    public void Set(string key, string value)
    {
        try
        {
            System.IO.Directory.CreateDirectory(Directory);
            var temporary = Path.Combine(Directory, $".{Guid.NewGuid():N}.tmp");
            File.WriteAllText(temporary, JsonSerializer.Serialize(new Entry(key, value)));
            File.Move(temporary, PathFor(key), overwrite: true);
            Trim();
        }
        catch (IOException)
        {
            // A full disk or a racing run must not fail the answer that was just computed.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private void Trim()
    {
        var files = new DirectoryInfo(Directory).GetFiles("*.json").OrderByDescending(f => f.LastWriteTimeUtc).ToList();
        long total = 0;
        foreach (var file in files)
        {
            total += file.Length;
            if (total > MaxBytes)
            {
                TryDelete(file.FullName);
            }
        }
    }

    private string PathFor(string key) => Path.Combine(Directory, key + ".json");

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private sealed record Entry(string Key, string Value);
}
