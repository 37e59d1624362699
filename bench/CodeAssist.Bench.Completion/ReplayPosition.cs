namespace CodeAssist.Bench.Completion;

/// <summary>
/// A place the replay retypes: the text at <see cref="Start"/> of <see cref="File"/>, to the end of its line. For a
/// mined point, <see cref="Needed"/> is the identifier declared in another file that the line starts with (the prompt
/// must carry it for a model to write it).
/// </summary>
internal sealed record ReplayPosition(string File, int Start, string LineRest, string? Needed = null);
