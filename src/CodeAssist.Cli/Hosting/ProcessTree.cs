using System.Globalization;

namespace CodeAssist.Cli.Hosting;

/// <summary>
/// Linux process relations read from /proc: who is whose parent, and which processes descend from one. Only
/// Linux has /proc; elsewhere every query answers nothing, so callers degrade to doing nothing.
/// </summary>
internal static class ProcessTree
{
    public static bool IsSupported => OperatingSystem.IsLinux() && Directory.Exists("/proc/self");

    /// <summary>The identity of a live process, or null when it is gone (or unreadable).</summary>
    public static ProcessIdentity? Find(int pid) =>
        ReadStat(pid) is { } stat ? new ProcessIdentity(pid, stat.StartTicks) : null;

    /// <summary>Whether the process named by <paramref name="identity"/> (not merely its pid) still runs.</summary>
    public static bool IsAlive(ProcessIdentity identity) =>
        ReadStat(identity.Pid) is { } stat && stat.StartTicks == identity.StartTicks && stat.State != 'Z';

    /// <summary>Every live process below <paramref name="roots"/> (children, their children...), roots excluded.</summary>
    /// <remarks>
    /// Where the kernel lists each thread's children (/proc/&lt;pid&gt;/task/&lt;tid&gt;/children) only the tree itself is
    /// read, a few small files, cheap enough to poll often; otherwise every process's stat is read once.
    /// </remarks>
    public static IReadOnlyList<ProcessIdentity> Descendants(IEnumerable<int> roots)
    {
        if (ListsChildren)
        {
            return DescendantsByChildLists(roots);
        }

        var children = new Dictionary<int, List<ProcessIdentity>>();
        foreach (var (pid, stat) in All())
        {
            if (!children.TryGetValue(stat.ParentPid, out var list))
            {
                children[stat.ParentPid] = list = [];
            }

            list.Add(new ProcessIdentity(pid, stat.StartTicks));
        }

        var found = new List<ProcessIdentity>();
        var pending = new Queue<int>(roots);
        var seen = new HashSet<int>(pending);
        while (pending.TryDequeue(out var parent))
        {
            foreach (var child in children.GetValueOrDefault(parent) ?? [])
            {
                if (seen.Add(child.Pid))
                {
                    found.Add(child);
                    pending.Enqueue(child.Pid);
                }
            }
        }

        return found;
    }

    private static bool ListsChildren { get; } = IsSupported && File.Exists($"/proc/{Environment.ProcessId}/task/{Environment.ProcessId}/children");

    private static List<ProcessIdentity> DescendantsByChildLists(IEnumerable<int> roots)
    {
        var found = new List<ProcessIdentity>();
        var pending = new Queue<int>(roots);
        var seen = new HashSet<int>(pending);
        while (pending.TryDequeue(out var parent))
        {
            foreach (var child in ChildPids(parent))
            {
                if (seen.Add(child) && Find(child) is { } identity)
                {
                    found.Add(identity);
                    pending.Enqueue(child);
                }
            }
        }

        return found;
    }

    private static IEnumerable<int> ChildPids(int pid)
    {
        string[] tasks;
        try
        {
            tasks = Directory.GetDirectories($"/proc/{pid}/task");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            yield break;
        }

        foreach (var task in tasks)
        {
            string list;
            try
            {
                list = File.ReadAllText(Path.Combine(task, "children"));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                continue;
            }

            foreach (var child in list.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                if (int.TryParse(child, NumberStyles.None, CultureInfo.InvariantCulture, out var childPid))
                {
                    yield return childPid;
                }
            }
        }
    }

    /// <summary>Kills (SIGKILL) each listed process that still runs; returns how many were killed.</summary>
    public static int Kill(IEnumerable<ProcessIdentity> processes)
    {
        var killed = 0;
        foreach (var identity in processes)
        {
            if (!IsAlive(identity))
            {
                continue;
            }

            try
            {
                using var process = System.Diagnostics.Process.GetProcessById(identity.Pid);
                process.Kill();
                killed++;
            }
            catch (Exception e) when (e is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception)
            {
                // It ended between the check and the kill.
            }
        }

        return killed;
    }

    /// <summary>The command line of a process, arguments joined by spaces ("" when gone).</summary>
    public static string CommandLine(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/cmdline").Replace('\0', ' ').Trim();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return "";
        }
    }

    private static IEnumerable<(int Pid, ProcStat Stat)> All()
    {
        if (!IsSupported)
        {
            yield break;
        }

        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out var pid)
                && ReadStat(pid) is { } stat)
            {
                yield return (pid, stat);
            }
        }
    }

    /// <summary>Parses /proc/&lt;pid&gt;/stat. The command name (field 2) may hold spaces and parentheses, so fields are counted from the last ')'.</summary>
    private static ProcStat? ReadStat(int pid)
    {
        string text;
        try
        {
            text = File.ReadAllText($"/proc/{pid}/stat");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }

        var end = text.LastIndexOf(')');
        if (end < 0)
        {
            return null;
        }

        // After ") ": field 3 (state), 4 (ppid), ... 22 (starttime).
        var fields = text[(end + 2)..].Split(' ');
        if (fields.Length < 20
            || !int.TryParse(fields[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var parent)
            || !long.TryParse(fields[19], NumberStyles.Integer, CultureInfo.InvariantCulture, out var start))
        {
            return null;
        }

        return new ProcStat(fields[0].Length > 0 ? fields[0][0] : '?', parent, start);
    }

    private readonly record struct ProcStat(char State, int ParentPid, long StartTicks);
}
