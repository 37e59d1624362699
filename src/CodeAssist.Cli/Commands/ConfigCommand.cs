using System.CommandLine;

namespace CodeAssist.Cli.Commands;

internal static class ConfigCommand
{
    public static Command Create()
    {
        var command = new Command("config", "Print the effective settings and where each came from.");
        command.SetAction(_ =>
        {
            Console.Error.WriteLine("codeassist config: not implemented yet.");
            return 1;
        });
        return command;
    }
}
