namespace CodeAssist.Cli.Hosting;

/// <summary>
/// A process as the kernel knows it: its id and its start time (clock ticks since boot, /proc/&lt;pid&gt;/stat field 22).
/// The pair names one process for good: a recycled pid gets a new start time, so a recorded process is never
/// confused with a stranger that later took its pid.
/// </summary>
internal readonly record struct ProcessIdentity(int Pid, long StartTicks);
