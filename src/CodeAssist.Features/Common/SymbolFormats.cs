using System.Xml.Linq;
using Microsoft.CodeAnalysis;

namespace CodeAssist.Features.Common;

/// <summary>How symbols are printed in facts and prompts: full C# signatures a reader (or model) can cite.</summary>
internal static class SymbolFormats
{
    public static readonly SymbolDisplayFormat Signature = new(
        globalNamespaceStyle: SymbolDisplayGlobalNamespaceStyle.Omitted,
        typeQualificationStyle: SymbolDisplayTypeQualificationStyle.NameAndContainingTypes,
        genericsOptions: SymbolDisplayGenericsOptions.IncludeTypeParameters,
        memberOptions: SymbolDisplayMemberOptions.IncludeAccessibility | SymbolDisplayMemberOptions.IncludeModifiers
            | SymbolDisplayMemberOptions.IncludeType | SymbolDisplayMemberOptions.IncludeParameters
            | SymbolDisplayMemberOptions.IncludeContainingType | SymbolDisplayMemberOptions.IncludeRef
            | SymbolDisplayMemberOptions.IncludeExplicitInterface,
        kindOptions: SymbolDisplayKindOptions.IncludeTypeKeyword,
        parameterOptions: SymbolDisplayParameterOptions.IncludeType | SymbolDisplayParameterOptions.IncludeName
            | SymbolDisplayParameterOptions.IncludeParamsRefOut | SymbolDisplayParameterOptions.IncludeDefaultValue
            | SymbolDisplayParameterOptions.IncludeExtensionThis,
        propertyStyle: SymbolDisplayPropertyStyle.ShowReadWriteDescriptor,
        miscellaneousOptions: SymbolDisplayMiscellaneousOptions.UseSpecialTypes
            | SymbolDisplayMiscellaneousOptions.EscapeKeywordIdentifiers
            | SymbolDisplayMiscellaneousOptions.IncludeNullableReferenceTypeModifier);

    public static string Format(ISymbol symbol) => symbol.ToDisplayString(Signature);

    /// <summary>The summary and returns text of the symbol's XML docs, whitespace collapsed; null when it has none.</summary>
    public static string? Documentation(ISymbol symbol, CancellationToken cancellationToken)
    {
        var xml = symbol.GetDocumentationCommentXml(cancellationToken: cancellationToken);
        if (string.IsNullOrWhiteSpace(xml))
        {
            return null;
        }

        try
        {
            var element = XElement.Parse(xml);
            var parts = new List<string>();
            if (element.Element("summary") is { } summary)
            {
                parts.Add(Collapse(ElementText(summary)));
            }

            if (element.Element("returns") is { } returns)
            {
                parts.Add("Returns " + Collapse(ElementText(returns)));
            }

            var text = string.Join(" ", parts.Where(p => p.Length > 0));
            return text.Length == 0 ? null : text;
        }
        catch (System.Xml.XmlException)
        {
            // Malformed doc comments are the user's code, not our error: show nothing rather than fail.
            return null;
        }
    }

    private static string ElementText(XElement element) =>
        string.Concat(element.Nodes().Select(n => n switch
        {
            XText text => text.Value,
            XElement { Name.LocalName: "see" or "seealso" } see =>
                (string?)see.Attribute("cref") is { } cref ? cref[(cref.IndexOf(':', StringComparison.Ordinal) + 1)..]
                : (string?)see.Attribute("langword") ?? see.Value,
            XElement { Name.LocalName: "paramref" or "typeparamref" } reference => (string?)reference.Attribute("name") ?? "",
            XElement other => other.Value,
            _ => "",
        }));

    private static string Collapse(string text) =>
        string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
