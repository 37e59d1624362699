namespace CodeAssist.Bench.Llm;

/// <summary>Resident set size from /proc/self/status (VmRSS now, VmHWM the peak), in MiB.</summary>
internal static class ProcessMemory
{
    public static (double Rss, double Peak) Read()
    {
        double Field(string name)
        {
            foreach (string line in File.ReadLines("/proc/self/status"))
            {
                if (line.StartsWith(name + ":", StringComparison.Ordinal))
                {
                    return double.Parse(line[(name.Length + 1)..].Trim().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture) / 1024;
                }
            }

            return double.NaN;
        }

        return File.Exists("/proc/self/status") ? (Field("VmRSS"), Field("VmHWM")) : (double.NaN, double.NaN);
    }
}
