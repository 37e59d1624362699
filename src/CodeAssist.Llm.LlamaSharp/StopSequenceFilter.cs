namespace CodeAssist.Llm.LlamaSharp;

/// <summary>
/// Streams text while watching for stop sequences. Text that could be the start of a stop sequence is held back
/// until it is known not to be one, so a stop sequence never reaches the caller, even split across tokens.
/// </summary>
internal sealed class StopSequenceFilter
{
    private readonly IReadOnlyList<string> _stops;
    private string _pending = "";

    public StopSequenceFilter(IReadOnlyList<string> stopSequences)
    {
        _stops = stopSequences.Where(s => s.Length > 0).ToArray();
    }

    public bool Stopped { get; private set; }

    /// <summary>Adds generated text; returns the part that is safe to emit now.</summary>
    public string Append(string text)
    {
        if (Stopped)
        {
            return "";
        }

        _pending += text;
        int cut = -1;
        foreach (string stop in _stops)
        {
            int index = _pending.IndexOf(stop, StringComparison.Ordinal);
            if (index >= 0 && (cut < 0 || index < cut))
            {
                cut = index;
            }
        }

        if (cut >= 0)
        {
            Stopped = true;
            string before = _pending[..cut];
            _pending = "";
            return before;
        }

        int hold = LongestSuffixThatStartsAStop();
        string ready = _pending[..^hold];
        _pending = _pending[^hold..];
        return ready;
    }

    /// <summary>Returns held-back text at the end of generation.</summary>
    public string Flush()
    {
        string rest = Stopped ? "" : _pending;
        _pending = "";
        return rest;
    }

    private int LongestSuffixThatStartsAStop()
    {
        int longest = 0;
        foreach (string stop in _stops)
        {
            for (int length = Math.Min(stop.Length - 1, _pending.Length); length > longest; length--)
            {
                if (_pending.AsSpan(_pending.Length - length).SequenceEqual(stop.AsSpan(0, length)))
                {
                    longest = length;
                    break;
                }
            }
        }

        return longest;
    }
}
