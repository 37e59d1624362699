namespace CodeAssist.Cli.Terminal;

/// <summary>Exit codes scripts can rely on; the README lists them, and every command uses only these.</summary>
internal static class ExitCodes
{
    public const int Ok = 0;

    /// <summary>
    /// The command ran but could not finish: no suggestion at that position (complete), a file changed on disk
    /// before --apply wrote it, the model cache is not writable.
    /// </summary>
    public const int Failure = 1;

    /// <summary>Bad arguments: an unknown option, a malformed PATH:LINE or FILE:LINE:COL, a bad value.</summary>
    public const int BadArguments = 2;

    /// <summary>No such file, folder, line or column.</summary>
    public const int NotFound = 3;

    /// <summary>A model named with --provider/--model/--endpoint cannot be used.</summary>
    public const int ModelUnavailable = 4;

    /// <summary>A download failed: the network, the server, or a checksum that does not match.</summary>
    public const int DownloadFailed = 5;
}
