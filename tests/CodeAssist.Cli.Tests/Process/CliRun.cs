namespace CodeAssist.Cli.Tests.Process;

/// <summary>What one run of the <c>codeassist</c> process left: its exit code and both streams.</summary>
internal sealed record CliRun(int ExitCode, string Out, string Error)
{
    /// <summary>For assertion messages: everything the process said.</summary>
    public override string ToString() => $"exit {ExitCode}\n--- stdout ---\n{Out}\n--- stderr ---\n{Error}";
}
