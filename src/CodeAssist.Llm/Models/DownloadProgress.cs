namespace CodeAssist.Llm.Models;

/// <param name="ResumedFrom">Bytes already on disk when this download resumed (0 for a fresh one).</param>
public sealed record DownloadProgress(long BytesDownloaded, long? TotalBytes, long ResumedFrom);
