using CodeAssist.Llm;
using LLama.Native;

namespace CodeAssist.Llm.LlamaSharp;

/// <summary>
/// Process-wide native library setup. LLamaSharp binds libllama once per process, so a user-built library
/// (<see cref="LlmOptions.NativeLibraryPath"/>) must be chosen before the first model loads. llama.cpp's log is
/// kept in a small ring so that a failed load can say why (e.g. "unknown model architecture").
/// </summary>
internal static class LlamaNativeLibrary
{
    private const int KeptLines = 64;
    private static readonly Lock s_lock = new();
    private static readonly Queue<string> s_recentLog = new();
    private static string? s_configuredPath;
    private static bool s_logHooked;

    public static void EnsureConfigured(string? libraryPath)
    {
        lock (s_lock)
        {
            string? wanted = string.IsNullOrWhiteSpace(libraryPath) ? null : Path.GetFullPath(libraryPath);
            if (wanted is not null && !File.Exists(wanted))
            {
                throw new ModelLoadException($"The native llama library {wanted} (setting nativeLibraryPath) does not exist.");
            }

            if (!NativeLibraryConfig.LLama.LibraryHasLoaded)
            {
                if (wanted is not null)
                {
                    NativeLibraryConfig.LLama.WithLibrary(wanted);
                }

                s_configuredPath = wanted;
            }
            else if (wanted != s_configuredPath)
            {
                throw new ModelLoadException(
                    $"The native llama library is already loaded ({s_configuredPath ?? "bundled"}); restart CodeAssist to use {wanted ?? "the bundled one"}.");
            }

            if (!s_logHooked)
            {
                NativeLogConfig.llama_log_set(OnLog);
                s_logHooked = true;
            }
        }
    }

    /// <summary>Returns the recent llama.cpp warnings and errors and forgets them.</summary>
    public static IReadOnlyList<string> TakeRecentLog()
    {
        lock (s_lock)
        {
            string[] lines = [.. s_recentLog];
            s_recentLog.Clear();
            return lines;
        }
    }

    private static void OnLog(LLamaLogLevel level, string message)
    {
        if (level is not (LLamaLogLevel.Error or LLamaLogLevel.Warning))
        {
            return;
        }

        lock (s_lock)
        {
            s_recentLog.Enqueue(message.TrimEnd());
            while (s_recentLog.Count > KeptLines)
            {
                s_recentLog.Dequeue();
            }
        }
    }
}
