namespace CodeAssist.Llm.Models;

public sealed record CachedModel(string Path, long SizeBytes, DateTimeOffset Modified)
{
    public string FileName => System.IO.Path.GetFileName(Path);
}
