using System.CommandLine;

namespace CodeAssist.Cli.Commands;

internal static class ModelsCommand
{
    public static Command Create()
    {
        var command = new Command("models", "Manage local GGUF models (pull, list).");
        command.SetAction(_ =>
        {
            Console.Error.WriteLine("codeassist models: not implemented yet.");
            return 1;
        });
        return command;
    }
}
