using System.CommandLine;

namespace CodeAssist.Cli.Commands;

internal static class ExplainCommand
{
    public static Command Create()
    {
        var command = new Command("explain", "Explain code at PATH[:LINE[-LINE]].");
        command.SetAction(_ =>
        {
            Console.Error.WriteLine("codeassist explain: not implemented yet.");
            return 1;
        });
        return command;
    }
}
