namespace CodeAssist.Llm.LlamaSharp;

/// <summary>
/// Physical core count: llama.cpp gains nothing from hyper-threads, and leaving one core free keeps the editor
/// responsive (under contention generation fell from ~47 to 3-4 tokens/s on a 2-core machine).
/// </summary>
internal static class CpuTopology
{
    public static int DefaultThreads() => Math.Max(1, PhysicalCores() - 1);

    public static int PhysicalCores()
    {
        try
        {
            var cores = new HashSet<string>(StringComparer.Ordinal);
            foreach (string cpu in Directory.EnumerateDirectories("/sys/devices/system/cpu", "cpu*"))
            {
                string topology = Path.Combine(cpu, "topology");
                string coreId = Path.Combine(topology, "core_id");
                if (File.Exists(coreId))
                {
                    string package = File.ReadAllText(Path.Combine(topology, "physical_package_id")).Trim();
                    cores.Add(package + ":" + File.ReadAllText(coreId).Trim());
                }
            }

            return cores.Count > 0 ? cores.Count : Environment.ProcessorCount;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return Environment.ProcessorCount;
        }
    }
}
