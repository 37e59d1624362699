using LLama;
using LLama.Native;

namespace CodeAssist.Llm.LlamaSharp;

/// <summary>
/// Copies of the KV cache for prompts the session moved away from, so that coming back (to a member edited a moment
/// ago, to another open file) restores the evaluated prompt instead of evaluating it again: a copy of a few
/// thousand tokens' keys and values is milliseconds of memcpy, evaluating them is seconds on a CPU.
/// Least recently used first out, bounded by bytes and by count.
/// </summary>
internal sealed class KvSnapshots : IDisposable
{
    private readonly LinkedList<Snapshot> _entries = new();
    private readonly long _maxBytes;
    private readonly int _maxEntries;
    private long _bytes;

    public KvSnapshots(long maxBytes, int maxEntries)
    {
        _maxBytes = maxBytes;
        _maxEntries = maxEntries;
    }

    public int Count => _entries.Count;

    /// <summary>Keeps <paramref name="state"/> (owned from now on) for <paramref name="tokens"/>; older copies it extends are dropped.</summary>
    public void Save(LLamaToken[] tokens, LLamaContext.SequenceState state)
    {
        long size = (long)state.Size;
        if (size > _maxBytes)
        {
            state.Dispose();
            return;
        }

        for (LinkedListNode<Snapshot>? node = _entries.First; node is not null;)
        {
            LinkedListNode<Snapshot>? next = node.Next;
            if (CommonPrefix(node.Value.Tokens, tokens) * 10 >= node.Value.Tokens.Length * 9)
            {
                Remove(node);
            }

            node = next;
        }

        _entries.AddFirst(new Snapshot(tokens, state));
        _bytes += size;
        while (_entries.Count > _maxEntries || _bytes > _maxBytes)
        {
            Remove(_entries.Last!);
        }
    }

    /// <summary>The copy sharing the longest prefix with <paramref name="prompt"/>, if that prefix exceeds <paramref name="atLeast"/> tokens.</summary>
    public Snapshot? FindBest(IReadOnlyList<LLamaToken> prompt, int atLeast)
    {
        LinkedListNode<Snapshot>? best = null;
        int bestCommon = atLeast;
        for (LinkedListNode<Snapshot>? node = _entries.First; node is not null; node = node.Next)
        {
            int common = CommonPrefix(node.Value.Tokens, prompt);
            if (common > bestCommon)
            {
                best = node;
                bestCommon = common;
            }
        }

        if (best is null)
        {
            return null;
        }

        _entries.Remove(best);
        _entries.AddFirst(best);
        return best.Value;
    }

    public void Clear()
    {
        while (_entries.Last is { } last)
        {
            Remove(last);
        }
    }

    public void Dispose() => Clear();

    public static int CommonPrefix(IReadOnlyList<LLamaToken> a, IReadOnlyList<LLamaToken> b)
    {
        int common = 0;
        int max = Math.Min(a.Count, b.Count);
        while (common < max && a[common] == b[common])
        {
            common++;
        }

        return common;
    }

    private void Remove(LinkedListNode<Snapshot> node)
    {
        _entries.Remove(node);
        _bytes -= (long)node.Value.State.Size;
        node.Value.State.Dispose();
    }

    internal sealed record Snapshot(LLamaToken[] Tokens, LLamaContext.SequenceState State);
}
