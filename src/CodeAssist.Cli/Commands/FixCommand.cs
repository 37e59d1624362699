using System.CommandLine;

namespace CodeAssist.Cli.Commands;

internal static class FixCommand
{
    public static Command Create()
    {
        var command = new Command("fix", "Suggest a fix for the diagnostics at PATH[:LINE].");
        command.SetAction(_ =>
        {
            Console.Error.WriteLine("codeassist fix: not implemented yet.");
            return 1;
        });
        return command;
    }
}
