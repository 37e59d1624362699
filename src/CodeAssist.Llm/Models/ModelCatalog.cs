namespace CodeAssist.Llm.Models;

/// <summary>The built-in list of recommended code models (Qwen's official GGUF builds on Hugging Face).</summary>
public static class ModelCatalog
{
    public static IReadOnlyList<KnownModel> All { get; } =
    [
        new(
            "qwen2.5-coder-0.5b",
            "Qwen2.5-Coder 0.5B Instruct, Q8_0: fast inline completion on any CPU",
            new Uri("https://huggingface.co/Qwen/Qwen2.5-Coder-0.5B-Instruct-GGUF/resolve/main/qwen2.5-coder-0.5b-instruct-q8_0.gguf"),
            "qwen2.5-coder-0.5b-instruct-q8_0.gguf",
            ApproximateBytes: 676L << 20),
        new(
            "qwen2.5-coder-1.5b",
            "Qwen2.5-Coder 1.5B Instruct, Q8_0: better completions and explanations, needs a faster CPU",
            new Uri("https://huggingface.co/Qwen/Qwen2.5-Coder-1.5B-Instruct-GGUF/resolve/main/qwen2.5-coder-1.5b-instruct-q8_0.gguf"),
            "qwen2.5-coder-1.5b-instruct-q8_0.gguf",
            ApproximateBytes: 1890L << 20,
            MinimumGigaflops: 60),
    ];

    /// <summary>Finds a model by name ("qwen2.5-coder-0.5b", with or without "-instruct") or by its file name.</summary>
    public static KnownModel? Find(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return null;
        }

        var key = name.Trim();
        return All.FirstOrDefault(m =>
            string.Equals(m.Name, key, StringComparison.OrdinalIgnoreCase)
            || string.Equals(m.Name + "-instruct", key, StringComparison.OrdinalIgnoreCase)
            || string.Equals(m.FileName, key, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>
    /// The largest listed model whose memory need fits in <paramref name="availableBytes"/> and whose speed need is
    /// met by <paramref name="gigaflops"/> (<see cref="CpuSpeed.MeasureGigaflops"/>), or null when none fits in memory.
    /// </summary>
    public static KnownModel? Recommend(long availableBytes, double gigaflops) =>
        All.Where(m => m.RequiredMemoryBytes <= availableBytes && m.MinimumGigaflops <= gigaflops).MaxBy(m => m.ApproximateBytes);
}
