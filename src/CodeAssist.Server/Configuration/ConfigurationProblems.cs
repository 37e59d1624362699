using CodeAssist.Server.Client;
using CodeAssist.Server.Logging;
using CodeAssist.Server.Protocol;
using Microsoft.Extensions.Logging;

namespace CodeAssist.Server.Configuration;

/// <summary>Tells the user which settings were rejected (window/showMessage) and logs them.</summary>
internal static class ConfigurationProblems
{
    public static async Task ReportAsync(IReadOnlyList<string> problems, LanguageClient client, ILogger logger)
    {
        if (problems.Count == 0)
        {
            return;
        }

        foreach (var problem in problems)
        {
            ServerLog.ConfigurationProblem(logger, problem);
        }

        await client.ShowMessageAsync(MessageType.Warning, "CodeAssist settings: " + string.Join(" ", problems)).ConfigureAwait(false);
    }
}
