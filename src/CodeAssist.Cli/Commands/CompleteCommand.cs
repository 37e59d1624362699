using System.CommandLine;

namespace CodeAssist.Cli.Commands;

internal static class CompleteCommand
{
    public static Command Create()
    {
        var command = new Command("complete", "Complete code at FILE:LINE:COL.");
        command.SetAction(_ =>
        {
            Console.Error.WriteLine("codeassist complete: not implemented yet.");
            return 1;
        });
        return command;
    }
}
