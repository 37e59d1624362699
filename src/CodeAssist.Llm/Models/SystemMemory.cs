using System.Globalization;

namespace CodeAssist.Llm.Models;

/// <summary>Memory available for a model: Linux's MemAvailable (page cache counts as free), else what the GC sees.</summary>
public static class SystemMemory
{
    public static long AvailableBytes()
    {
        try
        {
            if (File.Exists("/proc/meminfo") && ParseMemAvailable(File.ReadAllLines("/proc/meminfo")) is { } available)
            {
                return available;
            }
        }
        catch (IOException)
        {
        }

        return GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;
    }

    internal static long? ParseMemAvailable(IEnumerable<string> lines)
    {
        foreach (var line in lines)
        {
            if (line.StartsWith("MemAvailable:", StringComparison.Ordinal))
            {
                var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (parts.Length >= 2 && long.TryParse(parts[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var kib))
                {
                    return kib * 1024;
                }
            }
        }

        return null;
    }
}
