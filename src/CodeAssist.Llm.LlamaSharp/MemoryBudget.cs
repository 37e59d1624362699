namespace CodeAssist.Llm.LlamaSharp;

/// <summary>
/// Estimates what a model needs (mapped weights, an F16 KV cache for the chosen context, compute buffers) against
/// the memory available now, so that "not enough memory" is a message and not an out-of-memory kill.
/// </summary>
internal static class MemoryBudget
{
    public static long EstimateBytes(GgufSummary model, int contextSize)
    {
        int headDimension = model.HeadCount == 0 ? 0 : model.EmbeddingLength / model.HeadCount;
        long kvCache = 2L * model.BlockCount * contextSize * model.HeadCountKv * headDimension * sizeof(short);
        long compute = (64L << 20) + (model.FileSize / 20);
        return model.FileSize + kvCache + compute;
    }

    /// <summary>MemAvailable from /proc/meminfo on Linux; elsewhere what the runtime reports.</summary>
    public static long? AvailableBytes()
    {
        try
        {
            if (File.Exists("/proc/meminfo"))
            {
                foreach (string line in File.ReadLines("/proc/meminfo"))
                {
                    if (line.StartsWith("MemAvailable:", StringComparison.Ordinal))
                    {
                        string kilobytes = line["MemAvailable:".Length..].Trim().Split(' ')[0];
                        return long.Parse(kilobytes, System.Globalization.CultureInfo.InvariantCulture) * 1024;
                    }
                }
            }

            return GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
        {
            return null;
        }
    }
}
