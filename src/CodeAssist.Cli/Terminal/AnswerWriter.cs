using System.Text;
using Spectre.Console;

namespace CodeAssist.Cli.Terminal;

/// <summary>
/// Writes a streamed Markdown answer to stdout: rendered line by line on a terminal, raw Markdown as it arrives when
/// piped or with --format markdown, nothing in --json mode (the JSON is printed once at the end). Reports are synchronous and in order.
/// </summary>
internal sealed class AnswerWriter : IProgress<string>
{
    private readonly CliEnvironment _environment;
    private readonly bool _silent;
    private readonly IAnsiConsole? _console;
    private readonly MarkdownMarkup _markup = new();
    private readonly StringBuilder _line = new();

    /// <param name="rendered">Render the Markdown for a terminal (styles, highlighted code, no fences) rather than print it raw.</param>
    public AnswerWriter(CliEnvironment environment, bool silent, bool rendered)
    {
        _environment = environment;
        _silent = silent;
        _console = rendered && !silent
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
                WriteRendered(_line.ToString());
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
                WriteRendered(_line.ToString());
                _line.Clear();
            }
        }
        else if (!fullText.EndsWith('\n'))
        {
            _environment.Out.WriteLine();
        }
    }

    /// <summary>A fence line renders as nothing: the code under it is highlighted instead.</summary>
    private void WriteRendered(string line)
    {
        if (_markup.Line(line) is { } markup)
        {
            _console!.MarkupLine(markup);
        }
    }
}
