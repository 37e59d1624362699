namespace CodeAssist.Cli.Terminal;

/// <summary>A user-facing failure: the message is printed as is and the process exits with <see cref="ExitCode"/>.</summary>
internal sealed class CliException(int exitCode, string message) : Exception(message)
{
    public int ExitCode { get; } = exitCode;
}
