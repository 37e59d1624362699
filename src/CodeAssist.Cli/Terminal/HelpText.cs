using System.Text.RegularExpressions;

namespace CodeAssist.Cli.Terminal;

/// <summary>
/// System.CommandLine's help, less its "additional arguments" parts: `serve` accepts unknown tokens (LSP clients add
/// their own flags), and the stock help then shows `[[--] &lt;additional arguments&gt;...]]` and "Arguments passed to
/// the application that is being run.", which describe `dotnet run`, not a language server. Its layout API is
/// internal, so the text is tidied after it is written.
/// </summary>
internal static partial class HelpText
{
    public static string Tidy(string help) =>
        AdditionalArgumentsSection().Replace(AdditionalArgumentsUsage().Replace(help, ""), "");

    [GeneratedRegex(@" \[\[--\] <additional arguments>\.\.\.\]\]")]
    private static partial Regex AdditionalArgumentsUsage();

    [GeneratedRegex(@"\r?\nAdditional Arguments:\r?\n(?:[ \t]+.*\r?\n)*")]
    private static partial Regex AdditionalArgumentsSection();
}
