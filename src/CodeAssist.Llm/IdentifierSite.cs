namespace CodeAssist.Llm;

/// <summary>
/// A place where the generated text enters an identifier and the compiler knows every name that may stand there
/// (the members of a receiver's type after <c>expr.</c>, the types in scope after <c>new </c> and in type arguments,
/// the names in scope and keywords at a plain identifier in an expression or argument).
/// </summary>
/// <param name="Key">Identifies the name set (for example the receiver's type), so a model caches its token filter per key.</param>
/// <param name="Names">The valid names, without generic arguments or <c>@</c>.</param>
public sealed record IdentifierSite(string Key, IReadOnlyList<string> Names)
{
    /// <summary>Characters of the identifier already typed before the caret ("Sto" in <c>order.Sto|</c>); they are part of every name.</summary>
    public string Typed { get; init; } = "";

    /// <summary>
    /// Whether an identifier must come next (after <c>expr.</c>), so that a token without one, or with other characters
    /// first, is refused too; false where other code may follow (after <c>new </c>: <c>new()</c>, <c>new {</c>).
    /// </summary>
    public bool Required { get; init; } = true;

    /// <summary>
    /// Names the generated text itself declared (a local, a lambda parameter), valid here like <see cref="Names"/>.
    /// They change while one generation runs, so they are kept apart: a model builds its filter of the long
    /// <see cref="Names"/> list once per <see cref="Key"/> and adds these few.
    /// </summary>
    public IReadOnlyList<string> Introduced { get; init; } = [];
}
