namespace CodeAssist.Context;

/// <summary>How a <see cref="WorkspaceSession"/> loads projects.</summary>
public sealed record WorkspaceSessionOptions
{
    /// <summary>MSBuild global properties for the design-time build, e.g. <c>TargetFramework=net8.0</c>.</summary>
    /// <value>Empty by default.</value>
    public IReadOnlyDictionary<string, string> GlobalProperties { get; init; } = new Dictionary<string, string>();

    /// <summary>The most .cs files an ad-hoc workspace of a loose folder takes in.</summary>
    /// <value>5000 by default; a folder with more is probably not one program.</value>
    public int MaxLooseFiles { get; init; } = 5000;
}
