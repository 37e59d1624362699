using System.CommandLine;

namespace CodeAssist.Cli.Commands;

internal static class DebugCommand
{
    public static Command Create()
    {
        var command = new Command("debug", "Analyze a .NET stack trace.");
        command.SetAction(_ =>
        {
            Console.Error.WriteLine("codeassist debug: not implemented yet.");
            return 1;
        });
        return command;
    }
}
