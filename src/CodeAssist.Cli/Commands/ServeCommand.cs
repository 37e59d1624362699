using System.CommandLine;

namespace CodeAssist.Cli.Commands;

internal static class ServeCommand
{
    public static Command Create()
    {
        var command = new Command("serve", "Start the language server on stdio.");
        command.SetAction(_ =>
        {
            Console.Error.WriteLine("codeassist serve: not implemented yet.");
            return 1;
        });
        return command;
    }
}
