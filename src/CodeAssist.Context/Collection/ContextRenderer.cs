using System.Text;

namespace CodeAssist.Context.Collection;

/// <summary>
/// Renders selected candidates as compact C# comments and declarations, in a fixed order: where the cursor is,
/// what is in scope and expected, the receiver and the declarations from other files, diagnostics, similar code.
/// </summary>
internal static class ContextRenderer
{
    public const string AlsoPrefix = "    // also: ";
    public const string TypesGroup = "types";
    private const string TypesPrefix = "// types: ";
    private const string Indent = "    ";

    public static string OpenGroup(ContextCandidate candidate) =>
        candidate.Group switch
        {
            "scope" => "// in scope: ",
            TypesGroup => TypesPrefix,
            _ => (candidate.GroupHeader ?? candidate.Group ?? "") + " {",
        };

    public static string Render(IReadOnlyList<ContextCandidate> selected)
    {
        var builder = new StringBuilder();
        foreach (var kind in new[] { ContextItemKind.Namespace, ContextItemKind.EnclosingType, ContextItemKind.EnclosingMember })
        {
            foreach (var item in selected.Where(c => c.Kind == kind))
            {
                builder.Append(kind == ContextItemKind.Namespace ? "" : "// in: ").Append(item.Text).Append('\n');
            }
        }

        var scope = selected.Where(c => c.Group == "scope").ToList();
        if (scope.Count > 0)
        {
            builder.Append("// in scope: ").Append(string.Join(", ", scope.Select(c => c.Text))).Append('\n');
        }

        foreach (var item in selected.Where(c => c.Group is null && c.Kind is ContextItemKind.ExpectedType or ContextItemKind.Receiver))
        {
            builder.Append("// ").Append(item.Kind == ContextItemKind.Receiver ? "receiver " : "").Append(item.Text).Append('\n');
        }

        // Groups in the order of their best member, members in score order within each.
        var groups = selected.Where(c => c.Group is not null and not "scope" and not TypesGroup)
            .GroupBy(c => c.Group!, StringComparer.Ordinal)
            .OrderByDescending(g => g.Max(c => c.Score));
        foreach (var group in groups)
        {
            var header = group.First().GroupHeader ?? group.Key;
            var members = group.Where(c => !c.IsHeaderOnly && !c.IsNameOnly).OrderByDescending(c => c.Score).ToList();
            var names = group.Where(c => c.IsNameOnly).OrderByDescending(c => c.Score).ToList();
            if (members.Count == 0 && names.Count == 0)
            {
                builder.Append(header).Append(" { }\n");
                continue;
            }

            builder.Append(header).Append(" {\n");
            foreach (var member in members)
            {
                foreach (var line in member.Text.Split('\n'))
                {
                    builder.Append(Indent).Append(line).Append('\n');
                }
            }

            if (names.Count > 0)
            {
                builder.Append(AlsoPrefix).Append(string.Join(", ", names.Select(n => n.Text))).Append('\n');
            }

            builder.Append("}\n");
        }

        var types = selected.Where(c => c.Group == TypesGroup).ToList();
        if (types.Count > 0)
        {
            builder.Append(TypesPrefix).Append(string.Join(", ", types.Select(c => c.Text))).Append('\n');
        }

        foreach (var item in selected.Where(c => c.Group is null && c.Kind is ContextItemKind.Diagnostic))
        {
            builder.Append("// ").Append(item.Text).Append('\n');
        }

        foreach (var item in selected.Where(c => c.Group is null && c.Kind is ContextItemKind.Lexical))
        {
            builder.Append(item.Text).Append('\n');
        }

        return builder.ToString();
    }
}
