using System.CommandLine;

namespace CodeAssist.Cli.Commands;

internal static class RefactorCommand
{
    public static Command Create()
    {
        var command = new Command("refactor", "Suggest a refactoring of PATH:LINE-LINE.");
        command.SetAction(_ =>
        {
            Console.Error.WriteLine("codeassist refactor: not implemented yet.");
            return 1;
        });
        return command;
    }
}
