namespace CodeAssist.Features.InlineCompletion;

/// <summary>The kinds of identifier site that <see cref="SiteText.Classify"/> tells apart (member access and <c>new </c> are found first).</summary>
internal enum SiteKind
{
    /// <summary>Any identifier may follow (a declaration, a lambda parameter, an unknown place).</summary>
    None,

    /// <summary>An expression: names in scope, keywords and names the generated text introduced.</summary>
    Expression,

    /// <summary>An argument of a call whose callee is the head: as an expression, plus the overloads' parameter names.</summary>
    Argument,

    /// <summary>A type argument of the generic type or method that is the head.</summary>
    GenericArgument,
}
