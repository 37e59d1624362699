using System.Text;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Microsoft.CodeAnalysis;

namespace CodeAssist.Context.Collection;

/// <summary>Compact C# for symbols: declarations without bodies, accessibility or attributes.</summary>
internal static partial class SymbolText
{
    private static readonly SymbolDisplayFormat MemberFormat = new(
        globalNamespaceStyle: SymbolDisplayGlobalNamespaceStyle.Omitted,
        typeQualificationStyle: SymbolDisplayTypeQualificationStyle.NameOnly,
        genericsOptions: SymbolDisplayGenericsOptions.IncludeTypeParameters,
        memberOptions: SymbolDisplayMemberOptions.IncludeParameters | SymbolDisplayMemberOptions.IncludeType
            | SymbolDisplayMemberOptions.IncludeRef | SymbolDisplayMemberOptions.IncludeConstantValue,
        delegateStyle: SymbolDisplayDelegateStyle.NameAndSignature,
        extensionMethodStyle: SymbolDisplayExtensionMethodStyle.InstanceMethod,
        parameterOptions: SymbolDisplayParameterOptions.IncludeType | SymbolDisplayParameterOptions.IncludeName
            | SymbolDisplayParameterOptions.IncludeParamsRefOut | SymbolDisplayParameterOptions.IncludeExtensionThis,
        propertyStyle: SymbolDisplayPropertyStyle.ShowReadWriteDescriptor,
        miscellaneousOptions: SymbolDisplayMiscellaneousOptions.UseSpecialTypes | SymbolDisplayMiscellaneousOptions.EscapeKeywordIdentifiers
            | SymbolDisplayMiscellaneousOptions.IncludeNullableReferenceTypeModifier);

    private static readonly SymbolDisplayFormat TypeNameFormat = new(
        globalNamespaceStyle: SymbolDisplayGlobalNamespaceStyle.Omitted,
        typeQualificationStyle: SymbolDisplayTypeQualificationStyle.NameAndContainingTypes,
        genericsOptions: SymbolDisplayGenericsOptions.IncludeTypeParameters,
        miscellaneousOptions: SymbolDisplayMiscellaneousOptions.UseSpecialTypes | SymbolDisplayMiscellaneousOptions.IncludeNullableReferenceTypeModifier);

    public static string TypeName(ITypeSymbol type) => type.ToDisplayString(TypeNameFormat);

    /// <summary>The type's head without its base list (a delegate keeps its signature).</summary>
    public static string ShortTypeHead(INamedTypeSymbol type)
    {
        var full = TypeHead(type);
        var bases = full.IndexOf(" : ", StringComparison.Ordinal);
        return type.TypeKind == TypeKind.Delegate || bases < 0 ? full : full[..bases];
    }

    /// <summary>"static class Guard", "class JsonTextWriter : JsonWriter, IDisposable", "enum Formatting".</summary>
    public static string TypeHead(INamedTypeSymbol type)
    {
        var builder = new StringBuilder();
        if (type.IsStatic)
        {
            builder.Append("static ");
        }
        else if (type.IsAbstract && type.TypeKind == TypeKind.Class)
        {
            builder.Append("abstract ");
        }

        builder.Append(type.TypeKind switch
        {
            TypeKind.Interface => "interface ",
            TypeKind.Struct => type.IsRecord ? "record struct " : "struct ",
            TypeKind.Enum => "enum ",
            TypeKind.Delegate => "delegate ",
            _ => type.IsRecord ? "record " : "class ",
        });
        if (type.TypeKind == TypeKind.Delegate && type.DelegateInvokeMethod is { } invoke)
        {
            return builder.Append(invoke.ReturnType.ToDisplayString(TypeNameFormat)).Append(' ')
                .Append(type.ToDisplayString(TypeNameFormat))
                .Append('(').Append(string.Join(", ", invoke.Parameters.Select(p => $"{TypeName(p.Type)} {p.Name}"))).Append(')')
                .ToString();
        }

        builder.Append(type.ToDisplayString(TypeNameFormat));
        var bases = new List<string>();
        if (type.BaseType is { SpecialType: not SpecialType.System_Object and not SpecialType.System_ValueType and not SpecialType.System_Enum } baseType)
        {
            bases.Add(TypeName(baseType));
        }

        bases.AddRange(type.Interfaces.Select(TypeName));
        if (bases.Count > 0)
        {
            builder.Append(" : ").Append(string.Join(", ", bases));
        }

        return builder.ToString();
    }

    /// <summary>A member declaration ending in ';' (or ',' for enum members), as it would read inside its type.</summary>
    public static string Member(ISymbol symbol)
    {
        if (symbol is IFieldSymbol { ContainingType.TypeKind: TypeKind.Enum } enumMember)
        {
            return enumMember.HasConstantValue ? $"{enumMember.Name} = {enumMember.ConstantValue}," : $"{enumMember.Name},";
        }

        if (symbol is INamedTypeSymbol nested)
        {
            return TypeHead(nested) + ";";
        }

        var prefix = symbol switch
        {
            IFieldSymbol { IsConst: true } => "const ",
            IMethodSymbol { MethodKind: MethodKind.ReducedExtension } => "",
            IFieldSymbol { IsReadOnly: true, IsStatic: true } => "static readonly ",
            IFieldSymbol { IsReadOnly: true } => "readonly ",
            { IsStatic: true } => "static ",
            { IsAbstract: true } when symbol.ContainingType?.TypeKind != TypeKind.Interface => "abstract ",
            _ => "",
        };
        if (symbol is IEventSymbol)
        {
            prefix += "event ";
        }

        var text = symbol.ToDisplayString(MemberFormat);
        if (symbol is IMethodSymbol { MethodKind: MethodKind.ReducedExtension })
        {
            return text + "; // extension";
        }

        return symbol is IPropertySymbol ? prefix + text : prefix + text + ";";
    }

    /// <summary>The first sentence-ish of the XML doc summary, on one line; empty when there is none.</summary>
    public static string Summary(ISymbol symbol, int maxLength = 120)
    {
        var xml = symbol.GetDocumentationCommentXml(expandIncludes: false);
        if (string.IsNullOrWhiteSpace(xml))
        {
            return "";
        }

        try
        {
            var summary = XElement.Parse(xml).Element("summary");
            if (summary is null)
            {
                return "";
            }

            // <see cref="T:Foo.Bar"/> reads best as "Bar".
            foreach (var see in summary.Descendants().Where(e => e.Name.LocalName is "see" or "paramref" or "typeparamref").ToList())
            {
                var reference = (string?)see.Attribute("cref") ?? (string?)see.Attribute("name") ?? (string?)see.Attribute("langword") ?? "";
                see.ReplaceWith(reference[(reference.LastIndexOfAny([':', '.']) + 1)..]);
            }

            var text = Whitespace().Replace(summary.Value, " ").Trim();
            return text.Length <= maxLength ? text : text[..maxLength].TrimEnd() + "...";
        }
        catch (System.Xml.XmlException)
        {
            return "";
        }
    }

    public static SourceLocation? Location(ISymbol symbol)
    {
        var location = symbol.Locations.FirstOrDefault(l => l.IsInSource);
        return location is null ? null : Location(location);
    }

    public static SourceLocation? Location(Location location)
    {
        var span = location.GetLineSpan();
        return span.IsValid && !string.IsNullOrEmpty(span.Path)
            ? new SourceLocation(span.Path, span.StartLinePosition.Line, span.StartLinePosition.Character, span.EndLinePosition.Line, span.EndLinePosition.Character)
            : null;
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
