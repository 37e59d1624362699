namespace CodeAssist.Context.Tests;

/// <summary>
/// Causes of misses found on points mined from repositories outside shared/bench (docs/notes/context.md): each
/// fixture is a place where the needed name from another file was missing from the context before its fix.
/// </summary>
public sealed class CrossFileRecallTests
{
    [Fact]
    public async Task Initializer_OffersTheMembersOfTheCreatedTypeNotYetAssigned()
    {
        var context = await ContextFixture.ContextAtCaretAsync("""
            class Parser
            {
                object Parse(object next) => new FunctionCall
                {
                    Target = next,
                    $0
                };
            }
            //- FunctionCall.cs
            class FunctionCall
            {
                public object? Target { get; set; }
                public bool ExplicitCall { get; set; }
                public int Arity { get; }
            }
            """);
        var members = context.Items.Where(i => i.Kind == ContextItemKind.ReceiverMember).Select(i => i.Text).ToList();
        Assert.Contains(members, t => t.Contains("bool ExplicitCall { get; set; }", StringComparison.Ordinal));
        Assert.DoesNotContain(members, t => t.Contains("Target", StringComparison.Ordinal));
        Assert.DoesNotContain(members, t => t.Contains("Arity", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ColorColor_AReceiverNamedLikeItsTypeOffersTheTypesStaticMembers()
    {
        // Newtonsoft.Json's JsonReader: "DateTimeZoneHandling." with a property of that name and type in scope; the
        // enum's values were missing (only System.Enum's instance methods were offered).
        var context = await ContextFixture.ContextAtCaretAsync("""
            class Reader
            {
                public ZoneHandling ZoneHandling { get; set; }
                bool IsValid(ZoneHandling value) => value <= ZoneHandling.$0;
            }
            //- ZoneHandling.cs
            enum ZoneHandling { Local, Utc, Unspecified, RoundtripKind }
            """);
        var members = context.Items.Where(i => i.Kind == ContextItemKind.ReceiverMember).Select(i => i.Text).ToList();
        Assert.Contains(members, t => t.Contains("RoundtripKind", StringComparison.Ordinal));
    }

    [Fact]
    public Task Initializer_WithExpressionOffersTheRecordsMembers() => ContextFixture.CheckAsync("""
        class Use { Options Change(Options options) => options with { $0 }; }
        //- Options.cs
        record Options(int Retries) { public string? Name { get; init; } }
        """, ContextItemKind.ReceiverMember, "string? Name { get; init; }", "int Retries { get; init; }");

    [Theory]
    [InlineData("using static Mapping.ExpressionBuilder;\n")]
    [InlineData("")]
    public async Task StaticImport_MembersOfAStaticallyImportedProjectTypeAreOffered(string fileUsing)
    {
        var globalUsing = fileUsing.Length == 0 ? "global using static Mapping.ExpressionBuilder;" : "";
        var context = await ContextFixture.ContextAtCaretAsync(fileUsing + """
            namespace Mapping;
            class StringMapper
            {
                object Map(object source) => Wrap(source, $0);
                static object Wrap(object target, object argument) => target;
            }
            //- ExpressionBuilder.cs
            namespace Mapping;
            static class ExpressionBuilder
            {
                public static readonly object ContextParameter = new();
                public static object Call(object target, object argument) => target;
            }
            //- GlobalUsings.cs
            """ + "\n" + globalUsing);
        // As a declaration from another file, not as similar text (the lexical fallback of a small project).
        Assert.Contains(context.Items, i => i.Kind == ContextItemKind.CrossFileSymbol && i.Text.Contains("object ContextParameter", StringComparison.Ordinal));
    }

    [Fact]
    public Task Receiver_ProjectExtensionMethodsOnAFrameworkTypeRankAmongItsSignatures() => ContextFixture.CheckAsync("""
        using System;
        class TypeMapConfiguration
        {
            Type SourceType = typeof(string);
            void Configure() { var memberInfo = SourceType.$0 }
        }
        //- TypeExtensions.cs
        using System;
        using System.Reflection;
        static class TypeExtensions
        {
            public static MemberInfo? GetFieldOrProperty(this Type type, string name) => null;
        }
        """, ContextItemKind.ReceiverMember, "MemberInfo? GetFieldOrProperty(string name); // extension");

    [Theory]
    [InlineData("using Lib.Utilities;\nnamespace Lib.Engine\n{\n")]
    [InlineData("namespace Lib.Engine\n{\nusing Utilities;\n")]
    public async Task ProjectTypes_AnImportedNamespaceTheFileUsesNoTypeOfRanksFirst(string head)
    {
        // Many types of the file's own namespace compete for a small budget with the one type of an imported
        // namespace that nothing in the file uses yet: the using is there for the name about to be typed.
        var others = string.Concat(Enumerable.Range(1, 60).Select(i => $"//- Widget{i}.cs\nnamespace Lib.Engine {{ class Widget{i} {{ }} }}\n"));
        var context = await ContextFixture.ContextAtCaretAsync(head + """
            class Engine
            {
                void Run()
                {
                    $0
                }
            }
            }
            //- Ttl.cs
            namespace Lib.Utilities { sealed class Ttl { } }

            """ + others, budget: 150);
        Assert.Matches(@"\bTtl\b", context.RenderedText);
    }
}
