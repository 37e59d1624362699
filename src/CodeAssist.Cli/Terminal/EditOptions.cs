using System.CommandLine;

namespace CodeAssist.Cli.Terminal;

/// <summary>The flags of commands that propose edits (fix, refactor).</summary>
internal sealed class EditOptions
{
    public Option<bool> Apply { get; } = new("--apply") { Description = "Write the chosen suggestion to disk (default: only print the diff)." };

    public Option<int> Pick { get; } = new("--pick") { Description = "Which suggestion --apply writes (1-based).", DefaultValueFactory = _ => 1 };

    public void AddTo(Command command)
    {
        command.Options.Add(Apply);
        command.Options.Add(Pick);
    }
}
