using Microsoft.CodeAnalysis;

namespace CodeAssist.Features.InlineCompletion;

/// <summary>Which new compiler errors make a candidate wrong, as opposed to merely unfinished.</summary>
internal static class DiagnosticRules
{
    /// <summary>Names that do not exist: no amount of further typing makes the candidate's text right.</summary>
    public static readonly IReadOnlySet<string> UnknownName = new HashSet<string>(StringComparer.Ordinal)
    {
        "CS0103", // name does not exist in the current context
        "CS0117", // type does not contain a definition
        "CS1061", // no member or extension method
        "CS0246", // type or namespace not found
        "CS0234", // type or namespace does not exist in the namespace
        "CS0426", // nested type does not exist
        "CS1739", // no parameter with that name
    };

    /// <summary>Wrong use of names that exist; explained away when the statement is still syntactically open.</summary>
    public static readonly IReadOnlySet<string> WrongUse = new HashSet<string>(StringComparer.Ordinal)
    {
        "CS1501", // no overload takes N arguments
        "CS1503", // argument type mismatch
        "CS7036", // missing required argument
        "CS1729", // no constructor takes N arguments
        "CS1593", // delegate does not take N arguments
        "CS1620", // argument must be passed with ref/out
        "CS1615", // argument may not be passed with ref/out
        "CS1929", // extension receiver mismatch
        "CS0122", // inaccessible
        "CS1955", // non-invocable member used like a method
        "CS0029", // cannot convert type
        "CS0119", // used like a variable/type in the wrong context
        "CS0120", // instance member needs an object reference
    };

    /// <summary>Characters that are not C#, e.g. U+FFFD from a model that split a UTF-8 sequence.</summary>
    public static readonly IReadOnlySet<string> Malformed = new HashSet<string>(StringComparer.Ordinal)
    {
        "CS1056", // unexpected character
    };

    public static bool IsUnknownName(Diagnostic diagnostic) => UnknownName.Contains(diagnostic.Id);

    public static bool IsMalformed(Diagnostic diagnostic) => Malformed.Contains(diagnostic.Id);

    public static bool IsWrongUse(Diagnostic diagnostic) => WrongUse.Contains(diagnostic.Id);
}
