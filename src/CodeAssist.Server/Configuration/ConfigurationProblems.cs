using CodeAssist.Server.Client;
using CodeAssist.Server.Logging;
using CodeAssist.Server.Protocol;
using Microsoft.Extensions.Logging;

namespace CodeAssist.Server.Configuration;

/// <summary>
/// Tells the user which settings were rejected: invalid values in a window/showMessage naming the setting and its
/// source; unknown keys only in the log (editors send their own keys in the same section, e.g. trace.server).
/// </summary>
internal static class ConfigurationProblems
{
    public static async Task ReportAsync(IReadOnlyList<string> problems, LanguageClient client, ILogger logger)
    {
        var shown = new List<string>();
        foreach (var problem in problems)
        {
            ServerLog.ConfigurationProblem(logger, problem);
            if (problem.StartsWith("Unknown setting", StringComparison.Ordinal))
            {
                await client.LogMessageAsync(MessageType.Warning, $"CodeAssist settings: {problem}").ConfigureAwait(false);
            }
            else
            {
                shown.Add(problem);
            }
        }

        if (shown.Count > 0)
        {
            await client.ShowMessageAsync(MessageType.Warning, "CodeAssist settings: " + string.Join(" ", shown)).ConfigureAwait(false);
        }
    }
}
