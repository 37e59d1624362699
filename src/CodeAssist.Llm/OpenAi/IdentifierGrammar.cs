using System.Text;

namespace CodeAssist.Llm.OpenAi;

/// <summary>
/// The identifier constraint of a request as a GBNF grammar for llama-server, for the site at the caret when a member
/// must follow (<c>order.|</c>, <c>order.Sto|</c>): the answer starts with the rest of one of the valid names, then
/// anything that does not continue the name. Sites the model would open later need the local sampling loop; servers
/// that are not llama.cpp get no grammar (verification alone judges their answers).
/// </summary>
internal static class IdentifierGrammar
{
    public static string? ForCaretSite(IdentifierConstraint? identifiers)
    {
        if (identifiers?.SiteAfter("") is not { Required: true } site)
        {
            return null;
        }

        var rests = site.Names
            .Where(name => name.StartsWith(site.Typed, StringComparison.Ordinal))
            .Select(name => name[site.Typed.Length..])
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToArray();
        if (rests.Length == 0)
        {
            return null;
        }

        var grammar = new StringBuilder();
        grammar.Append("root ::= name tail\n");
        grammar.Append("name ::= ").AppendJoin(" | ", rests.Select(Literal)).Append('\n');
        grammar.Append("tail ::= ([^a-zA-Z0-9_] [^\\x00]*)?\n");
        return grammar.ToString();
    }

    private static string Literal(string text)
    {
        var escaped = new StringBuilder("\"");
        foreach (var c in text)
        {
            escaped.Append(c switch { '"' => "\\\"", '\\' => "\\\\", _ => c.ToString() });
        }

        return escaped.Append('"').ToString();
    }
}
