using System.Runtime;

namespace CodeAssist.Server.Documents;

/// <summary>
/// Gives the memory of a large closed document back to the operating system. Its text and everything derived from
/// it lived on the large object heap, which the GC does not compact by default; without a compacting collection the
/// process keeps the pages and its RSS never comes down after a big file is closed. The collection runs once,
/// shortly after the last of several closes, off the request queue.
/// </summary>
internal sealed class ClosedDocumentMemory(TimeProvider time)
{
    /// <summary>Closing a document at least this long (UTF-16 characters) schedules the collection.</summary>
    public const int LargeDocumentLength = 1 << 20;

    private static readonly TimeSpan Quiet = TimeSpan.FromSeconds(1);

    private int _generation;

    /// <summary>Schedules a compacting collection when <paramref name="closedLength"/> is large; returns whether it did.</summary>
    public bool Released(int closedLength)
    {
        if (closedLength < LargeDocumentLength)
        {
            return false;
        }

        var generation = Interlocked.Increment(ref _generation);
        _ = CollectAfterQuietAsync(generation);
        return true;
    }

    private async Task CollectAfterQuietAsync(int generation)
    {
        await Task.Delay(Quiet, time).ConfigureAwait(false);
        if (Volatile.Read(ref _generation) != generation)
        {
            return; // A later close scheduled its own collection.
        }

        GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;

        // Aggressive also decommits the freed memory instead of keeping it for reuse.
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
    }
}
