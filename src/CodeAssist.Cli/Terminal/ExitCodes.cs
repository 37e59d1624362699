namespace CodeAssist.Cli.Terminal;

/// <summary>Exit codes scripts can rely on.</summary>
internal static class ExitCodes
{
    public const int Ok = 0;
    public const int Failure = 1;
    public const int BadArguments = 2;
    public const int NotFound = 3;
    public const int ModelUnavailable = 4;
}
