namespace CodeAssist.Bench.Completion;

/// <summary>A place the replay retypes: the statement at <see cref="Start"/> of <see cref="File"/>, to the end of its line.</summary>
internal sealed record ReplayPosition(string File, int Start, string LineRest);
