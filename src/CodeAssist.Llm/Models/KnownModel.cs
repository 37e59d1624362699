namespace CodeAssist.Llm.Models;

/// <summary>A recommended GGUF that <c>codeassist models pull &lt;name&gt;</c> knows by name.</summary>
/// <param name="ApproximateBytes">Download size, used for the memory recommendation and as progress total when the server sends none.</param>
/// <param name="MinimumGigaflops">
/// The <see cref="CpuSpeed"/> measure below which the model is too slow for inline completion (prompt evaluation
/// grows with the parameter count); 0 for a model meant to run anywhere.
/// </param>
public sealed record KnownModel(string Name, string Description, Uri Url, string FileName, long ApproximateBytes, double MinimumGigaflops = 0)
{
    /// <summary>
    /// Memory to run it: the weights (memory-mapped, but resident while generating), a 4k-token KV cache and
    /// compute buffers. Deliberately generous; a model that swaps is slower than a smaller one that does not.
    /// </summary>
    public long RequiredMemoryBytes => (long)(ApproximateBytes * 1.25) + (512L << 20);
}
