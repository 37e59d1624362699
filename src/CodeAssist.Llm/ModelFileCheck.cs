namespace CodeAssist.Llm;

/// <summary>
/// What can be said about a local model path without opening it. Opening a named pipe (FIFO) for reading blocks
/// until something writes to it, and a device never ends, so a path that is not a regular, non-empty file is
/// refused here, before any read. Pipes, sockets and devices all report a size of zero, which is how they are told
/// apart without a platform call; an empty regular file is no model either.
/// </summary>
public static class ModelFileCheck
{
    /// <summary>Why <paramref name="path"/> cannot be a model file, or null when it is a non-empty regular file.</summary>
    public static string? FindProblem(string path)
    {
        if (Directory.Exists(path))
        {
            return $"The model path {path} is a folder, not a GGUF file.";
        }

        var file = new FileInfo(path);
        if (!file.Exists)
        {
            return $"Model file not found: {path}.";
        }

        if (file.Length == 0)
        {
            return $"The model path {path} is not a regular file with content (a pipe, socket or device, or an empty file); CodeAssist reads models only from GGUF files.";
        }

        return null;
    }
}
