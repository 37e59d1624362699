namespace CodeAssist.Features.Tests.Assist;

/// <summary>Records progress synchronously (Progress&lt;T&gt; posts to the thread pool and would reorder chunks).</summary>
internal sealed class SyncProgress(List<string> sink) : IProgress<string>
{
    public void Report(string value) => sink.Add(value);
}
