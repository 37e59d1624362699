using System.CommandLine;

namespace CodeAssist.Cli.Commands;

internal static class ContextCommand
{
    public static Command Create()
    {
        var command = new Command("context", "Print the Roslyn context a prompt would contain at FILE:LINE:COL.");
        command.SetAction(_ =>
        {
            Console.Error.WriteLine("codeassist context: not implemented yet.");
            return 1;
        });
        return command;
    }
}
