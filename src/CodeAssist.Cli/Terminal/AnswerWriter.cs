using System.Text;
using Spectre.Console;

namespace CodeAssist.Cli.Terminal;

/// <summary>
/// Writes a streamed Markdown answer to stdout: rendered line by line on a terminal, raw text as it arrives when
/// piped, nothing in --json mode (the JSON is printed once at the end). Reports are synchronous and in order.
/// </summary>
internal sealed class AnswerWriter : IProgress<string>
{
    private readonly CliEnvironment _environment;
    private readonly bool _silent;
    private readonly IAnsiConsole? _console;
    private readonly MarkdownMarkup _markup = new();
    private readonly StringBuilder _line = new();

    public AnswerWriter(CliEnvironment environment, bool silent)
    {
        _environment = environment;
        _silent = silent;
        _console = environment.OutputIsTerminal && !silent
            ? AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(environment.Out) })
            : null;
    }

    public void Report(string value)
    {
        if (_silent)
        {
            return;
        }

        if (_console is null)
        {
            _environment.Out.Write(value);
            _environment.Out.Flush();
            return;
        }

        foreach (var c in value)
        {
            if (c == '\n')
            {
                _console.MarkupLine(_markup.Line(_line.ToString()));
                _line.Clear();
            }
            else if (c != '\r')
            {
                _line.Append(c);
            }
        }
    }

    /// <summary>Ends the answer: the last partial line on a terminal, a final newline when piped.</summary>
    public void Complete(string fullText)
    {
        if (_silent)
        {
            return;
        }

        if (_console is not null)
        {
            if (_line.Length > 0)
            {
                _console.MarkupLine(_markup.Line(_line.ToString()));
                _line.Clear();
            }
        }
        else if (!fullText.EndsWith('\n'))
        {
            _environment.Out.WriteLine();
        }
    }
}
