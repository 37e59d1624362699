namespace CodeAssist.Llm.Models;

/// <summary>A recommended GGUF that <c>codeassist models pull &lt;name&gt;</c> knows by name.</summary>
/// <param name="ApproximateBytes">Download size, used for the memory recommendation and as progress total when the server sends none.</param>
public sealed record KnownModel(string Name, string Description, Uri Url, string FileName, long ApproximateBytes)
{
    /// <summary>
    /// Memory to run it: the weights (memory-mapped, but resident while generating), a 4k-token KV cache and
    /// compute buffers. Deliberately generous; a model that swaps is slower than a smaller one that does not.
    /// </summary>
    public long RequiredMemoryBytes => (long)(ApproximateBytes * 1.25) + (512L << 20);
}
