namespace CodeAssist.Llm.Models;

/// <param name="Sha256">Hex SHA-256 of the file (null when it was already present and not re-read).</param>
/// <param name="Verified">True when the hash matched a checksum the server gave (X-Linked-Etag or ETag).</param>
public sealed record DownloadResult(string Path, long SizeBytes, string? Sha256, bool Verified, long ResumedFrom, bool AlreadyPresent);
