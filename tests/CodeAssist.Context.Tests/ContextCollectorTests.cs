namespace CodeAssist.Context.Tests;

public sealed class ContextCollectorTests
{
    [Fact]
    public Task Header_NamespaceTypeWithBasesAndMemberSignature() => ContextFixture.CheckAsync("""
        namespace Shop.Orders;
        interface IPriced { decimal Price { get; } }
        abstract class Entity { }
        class Order : Entity, IPriced
        {
            public decimal Price => 0;
            public decimal Total(int quantity, decimal discount)
            {
                return $0;
            }
        }
        """, ContextItemKind.EnclosingType, "class Order : Entity, IPriced");

    [Theory]
    [InlineData(ContextItemKind.Namespace, "namespace Shop.Orders;")]
    [InlineData(ContextItemKind.EnclosingMember, "decimal Total(int quantity, decimal discount);")]
    public Task Header_Items(ContextItemKind kind, string expected) => ContextFixture.CheckAsync("""
        namespace Shop.Orders
        {
            class Order
            {
                public decimal Total(int quantity, decimal discount) { return $0; }
            }
        }
        """, kind, expected);

    [Theory]
    [InlineData(ContextItemKind.Parameter, "int quantity")]
    [InlineData(ContextItemKind.Local, "List<string>? names")]
    [InlineData(ContextItemKind.Local, "int count")]
    [InlineData(ContextItemKind.Local, "string item")]
    [InlineData(ContextItemKind.Local, "Exception error")]
    public Task Scope_LocalsAndParametersWithTypes(ContextItemKind kind, string expected) => ContextFixture.CheckAsync("""
        class C
        {
            void M(int quantity)
            {
                var names = new List<string>();
                var count = names.Count;
                try { }
                catch (Exception error)
                {
                    foreach (string item in names)
                    {
                        $0
                    }
                }
            }
        }
        """, kind, expected);

    [Fact]
    public async Task Scope_ExcludesLocalsDeclaredAfterTheCursor()
    {
        var context = await ContextFixture.ContextAtCaretAsync("""
            class C { void M() { int before = 1; $0 int after = 2; } }
            """);
        Assert.Contains(context.Items, i => i.Kind == ContextItemKind.Local && i.Text == "int before");
        Assert.DoesNotContain(context.Items, i => i.Kind == ContextItemKind.Local && i.Text.Contains("after", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(ContextItemKind.Receiver, "writer: Writer")]
    [InlineData(ContextItemKind.ReceiverMember, "void WriteStart(string name);")]
    [InlineData(ContextItemKind.ReceiverMember, "void Flush();")]
    [InlineData(ContextItemKind.ReceiverMember, "int Depth { get; }")]
    [InlineData(ContextItemKind.ReceiverMember, "void WriteLine(string text); // extension")]
    public Task Receiver_MembersIncludeInheritedAndExtensionMethods(ContextItemKind kind, string expected) => ContextFixture.CheckAsync("""
        class Writer : WriterBase { public void WriteStart(string name) { } public override void Flush() { } }
        //- WriterBase.cs
        abstract class WriterBase { public int Depth { get; } public virtual void Flush() { } }
        //- WriterExtensions.cs
        static class WriterExtensions { public static void WriteLine(this Writer writer, string text) { } }
        //- Use.cs
        class Use { void M(Writer writer) { writer.$0 } }
        """, kind, expected);

    [Fact]
    public async Task Receiver_OverridesAndOverloadsAppearOnce()
    {
        var context = await ContextFixture.ContextAtCaretAsync("""
            class Base { public virtual void Flush() { } public void Put(int a) { } public void Put(string a) { } }
            class Derived : Base { public override void Flush() { } }
            class Use { void M(Derived d) { d.$0 } }
            """);
        Assert.Single(context.Items, i => i.Kind == ContextItemKind.ReceiverMember && i.Text.Contains("Flush", StringComparison.Ordinal));
        Assert.Contains(context.Items, i => i.Text.Contains("void Put(int a); // +1 overload", StringComparison.Ordinal));
    }

    [Fact]
    public Task Receiver_StaticTypeListsEnumMembers() => ContextFixture.CheckAsync("""
        enum Color { Red, Green }
        class Use { object M() => Color.$0 }
        """, ContextItemKind.ReceiverMember, "Red = 0,", "Green = 1,");

    [Fact]
    public Task Receiver_AtTheEndOfALine_EvenWhenTheNextLineMakesItParseAsATypeName() => ContextFixture.CheckAsync("""
        class Writer { public void WriteName(string name) { } }
        class Token { }
        class Use
        {
            void M(Writer writer)
            {
                writer.$0
                Token value = null;
            }
        }
        """, ContextItemKind.ReceiverMember, "void WriteName(string name);");

    [Fact]
    public Task Receiver_OfATypeParameter_ListsTheConstraintsMembersAndExtensions() => ContextFixture.CheckAsync("""
        abstract class BuilderBase { public void AddPart(string name) { } }
        static class BuilderExtensions { public static T AddRetry<T>(this T builder) where T : BuilderBase => builder; }
        static class Use { static T Configure<T>(T builder) where T : BuilderBase { builder.$0 } }
        """, ContextItemKind.ReceiverMember, "void AddPart(string name);", "T AddRetry<T>(); // extension");

    [Theory]
    [InlineData("class C { void M() { ILimiter limiter = new $0 } }", "expected type: ILimiter")]
    [InlineData("class C { void M(Sink sink) { sink.Report(new($0 } }", "expected type: Severity")]
    public Task ExpectedType_ThroughNewAndTargetTypedNew(string code, string expected) => ContextFixture.CheckAsync(code + """

        //- Types.cs
        interface ILimiter { }
        enum Severity { Low, High }
        class Event { public Event(Severity severity, string name) { } }
        class Sink { public void Report(Event e) { } }
        """, ContextItemKind.ExpectedType, expected);

    [Fact]
    public async Task CrossFile_ProjectTypesBeyondTheBestAreListedByName()
    {
        var types = string.Concat(Enumerable.Range(0, 60).Select(i => $"class Widget{i} : System.IDisposable {{ public void Dispose() {{ }} }}\n"));
        var context = await ContextFixture.ContextAtCaretAsync("class C { void M() { var w = new $0 } }\n//- Widgets.cs\n" + types, budget: 700);

        Assert.Contains("// types: ", context.RenderedText, StringComparison.Ordinal);
        Assert.All(Enumerable.Range(0, 60), i => Assert.Contains($"Widget{i}", context.RenderedText, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("class C { void M() { throw new $0 } }", "class ParseFailedException : Exception")]
    [InlineData("[$0]\nclass C { }", "class MarkerAttribute : Attribute")]
    [InlineData("class C { void M() {\n    $0\n} }", "static class Guard")]
    public async Task CrossFile_ProjectTypesFitTheSyntaxBeforeTheCursor(string code, string expectedFirst)
    {
        var fixture = code + """

            //- Types.cs
            class ParseFailedException : Exception { }
            class MarkerAttribute : Attribute { }
            static class Guard { public static void NotNull(object o) { } }
            interface IThing { }
            class Thing : IThing { }
            enum Mode { A }
            """;

        var context = await ContextFixture.ContextAtCaretAsync(fixture);

        var types = context.Items.Where(i => i.Kind == ContextItemKind.CrossFileSymbol).OrderByDescending(i => i.Score).ToList();
        Assert.Equal(expectedFirst, types[0].Text);
    }

    [Theory]
    [InlineData("class C { void M() { Shape s; s = $0 } }", "expected type: Shape")]
    [InlineData("class C { Shape M() { return $0 } }", "expected type: Shape")]
    [InlineData("class C { void M() { if ($0) { } } }", "expected type: bool")]
    [InlineData("class C { void M() { Take(1, $0); } void Take(int a, Shape b) { } void Take(int a, string b, int c) { } }", "expected type: Shape")]
    [InlineData("class C { void M() { Take(1, $0); } void Take(int a, Shape b) { } void Take(int a, string b, int c) { } }", "expected type: string")]
    [InlineData("class C { void M(Shape s) { var same = s == $0 } }", "expected type: Shape")]
    [InlineData("class C { void M() { var all = new List<Shape> { new Shape(), $0 }; } }", "expected type: Shape")]
    [InlineData("class C { Shape[] all = { $0 }; }", "expected type: Shape")]
    [InlineData("class C { bool M(Shape o) => o is $0 }", "expected type: Shape")]
    [InlineData("class C { bool M(Shape s) { if (s is $0) { } } }", "expected type: Shape")]
    public Task ExpectedType_AssignmentReturnConditionArgumentsAcrossOverloads(string code, string expected) => ContextFixture.CheckAsync(
        code + "\n//- Shape.cs\nclass Shape { }", ContextItemKind.ExpectedType, expected);

    [Fact]
    public Task ExpectedType_EnumOffersItsMembers() => ContextFixture.CheckAsync("""
        class C { void M(Mode m) { if (m == $0) { } } }
        //- Mode.cs
        enum Mode { Fast, Safe }
        """, ContextItemKind.ExpectedType, "Fast", "Safe");

    [Fact]
    public Task CrossFile_SignaturesAndSummariesOfTypesUsedNearTheCursor() => ContextFixture.CheckAsync("""
        class Checkout
        {
            void Pay(Basket basket)
            {
                var total = basket.Sum();
                $0
            }
        }
        //- Basket.cs
        /// <summary>The items a customer is about to buy.</summary>
        class Basket
        {
            /// <summary>Adds up the prices.</summary>
            public decimal Sum() => 0;
            public void Clear() { }
        }
        """, ContextItemKind.CrossFileSymbol, "decimal Sum();", "void Clear();", "/// Adds up the prices.");

    [Fact]
    public async Task CrossFile_RendersTypeSummaryAndNoBodies()
    {
        var context = await ContextFixture.ContextAtCaretAsync("""
            class Checkout { void Pay(Basket basket) { basket.Clear(); $0 } }
            //- Basket.cs
            /// <summary>The items a customer is about to buy.</summary>
            class Basket { public void Clear() { System.Console.WriteLine("body"); } public int Count => 42; }
            """);
        Assert.Contains("/// The items a customer is about to buy.\nclass Basket {", context.RenderedText, StringComparison.Ordinal);
        var declarations = string.Concat(context.Items.Where(i => i.Kind != ContextItemKind.Lexical).Select(i => i.Text));
        Assert.DoesNotContain("WriteLine", declarations, StringComparison.Ordinal);
        Assert.DoesNotContain("42", declarations, StringComparison.Ordinal);
    }

    [Fact]
    public Task CrossFile_PartialTypeMembersFromOtherFilesAndBaseTypes() => ContextFixture.CheckAsync("""
        partial class Parser : ParserBase { void Parse() { $0 } }
        //- Parser.Tokens.cs
        partial class Parser { int ReadToken() => 0; }
        //- ParserBase.cs
        abstract class ParserBase { protected void Fail(string message) { } }
        """, ContextItemKind.CrossFileSymbol, "int ReadToken();", "void Fail(string message);");

    [Fact]
    public Task CrossFile_ProjectTypesWhereATypeIsExpected() => ContextFixture.CheckAsync("""
        class Sink : $0
        //- ILogSink.cs
        interface ILogSink { void Emit(string message); }
        """, ContextItemKind.CrossFileSymbol, "interface ILogSink");

    [Fact]
    public Task Diagnostics_InTheEnclosingMember() => ContextFixture.CheckAsync("""
        class C { void M() { int x = "text"; $0 } }
        """, ContextItemKind.Diagnostic, "error CS0029 line 1");

    [Fact]
    public async Task Lexical_FallbackFromRecentFilesWhenTheFileDoesNotCompile()
    {
        using var folder = new TempFolder();
        var recent = folder.Write("Recent.cs", "// helper\nvoid Blend(Palette palette, Brush brush) { palette.Mix(brush.Tint); }\n");
        using var session = new WorkspaceSession(Microsoft.Extensions.Logging.Abstractions.NullLogger<WorkspaceSession>.Instance);
        await session.LoadAsync(folder.Path, null, CancellationToken.None);
        session.OpenDocument(recent, File.ReadAllText(recent));
        var main = Path.Combine(folder.Path, "Main.cs");
        session.OpenDocument(main, "palette brush Tint ((( \n");

        var context = await new ContextCollector(session: session).GetContextAsync(session.GetDocument(main)!, 20, 1024, CancellationToken.None);

        var lexical = Assert.Single(context.Items, i => i.Kind == ContextItemKind.Lexical);
        Assert.Contains("palette.Mix(brush.Tint)", lexical.Text, StringComparison.Ordinal);
        Assert.Equal(recent, lexical.Location?.FilePath);
    }

    [Theory]
    [InlineData(64)]
    [InlineData(600)]
    [InlineData(1000)]
    public async Task Budget_IsNeverExceeded_AndItemsCarryLocations(int budget)
    {
        var fixture = """
            class Use { void M(Big big) { big.$0 } }
            //- Big.cs
            class Big
            {
            """ + string.Concat(Enumerable.Range(0, 80).Select(i => $"    public int Member{i}(string argument{i}) => {i};\n")) + "}";
        var context = await ContextFixture.ContextAtCaretAsync(fixture, budget);

        Assert.True(context.TokenCount <= budget, $"{context.TokenCount} > {budget}");
        Assert.Equal(EstimatingTokenCounter.Instance.CountTokens(context.RenderedText), context.TokenCount);
        Assert.All(context.Items.Where(i => i.Kind == ContextItemKind.ReceiverMember), i => Assert.EndsWith("Big.cs", i.Location?.FilePath, StringComparison.Ordinal));
        if (budget == 600)
        {
            // Signatures for the best few, then every other member by name.
            Assert.Contains("int Member0(string argument0);", context.RenderedText, StringComparison.Ordinal);
            Assert.Contains("Member79", context.RenderedText, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task TightBudget_NamesEveryMemberBeforeAnySignature()
    {
        var fixture = """
            class Use { void M(Big big) { big.$0 } }
            //- Big.cs
            class Big
            {
            """ + string.Concat(Enumerable.Range(0, 30).Select(i => $"    /// <summary>Does thing number {i} to the argument.</summary>\n    public int Member{i}(string argument{i}) => {i};\n")) + "}";

        var tight = await ContextFixture.ContextAtCaretAsync(fixture, 160);
        var full = await ContextFixture.ContextAtCaretAsync(fixture, 1024);

        // A prefilled head on a slow CPU: the member the user wants may be any of them, so all are named.
        Assert.True(tight.TokenCount <= 160, tight.RenderedText);
        Assert.All(Enumerable.Range(0, 30), i => Assert.Matches($@"\bMember{i}\b", tight.RenderedText));
        // The full budget still leads with signatures and their summaries.
        Assert.Contains("int Member0(string argument0);", full.RenderedText, StringComparison.Ordinal);
        Assert.Contains("Does thing number 0", full.RenderedText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TightBudget_TheEnclosingTypeAndMemberStandInShort_SoTheReceiversMembersFit()
    {
        var fixture = """
            /// <summary>Holds the order lines of one customer, with their prices and the taxes that apply to them.</summary>
            class Use : System.IComparable<Use>, System.IEquatable<Use>, System.IFormattable, System.IDisposable
            {
                void M(Big big, string customerName, string shippingAddress, int quantityOrdered) { big.$0 }
            }
            //- Big.cs
            class Big
            {
            """ + string.Concat(Enumerable.Range(0, 6).Select(i => $"    public int Member{i}(string argument{i}) => {i};\n")) + "}";

        var tight = await ContextFixture.ContextAtCaretAsync(fixture, 64);
        var full = await ContextFixture.ContextAtCaretAsync(fixture, 1024);

        Assert.Contains("// in: class Use\n", tight.RenderedText, StringComparison.Ordinal);
        Assert.Contains("// in: void M(...);\n", tight.RenderedText, StringComparison.Ordinal);
        Assert.Contains("void M(Big big, string customerName, string shippingAddress, int quantityOrdered);", full.RenderedText, StringComparison.Ordinal);
        Assert.DoesNotContain("IFormattable", tight.RenderedText, StringComparison.Ordinal);
        Assert.All(Enumerable.Range(0, 6), i => Assert.Matches($@"\bMember{i}\b", tight.RenderedText));
        Assert.Contains("/// Holds the order lines", full.RenderedText, StringComparison.Ordinal);
        Assert.Contains("class Use : IComparable<Use>, IEquatable<Use>, IFormattable, IDisposable", full.RenderedText, StringComparison.Ordinal);
        Assert.Single(full.Items, item => item.Kind == ContextItemKind.EnclosingType);
    }

    [Fact]
    public async Task TokenizerThatCountsShortTextsHigh_TheBudgetIsStillFilled()
    {
        var fixture = """
            class Use { void M(Big big) { big.$0 } }
            //- Big.cs
            class Big
            {
            """ + string.Concat(Enumerable.Range(0, 80).Select(i => $"    public int Member{i}(string argument{i}) => {i};\n")) + "}";
        var (document, position) = ContextFixture.Load(fixture);

        // As a BPE tokenizer does with a name counted alone and the same name after ", " on a shared line.
        var context = await new ContextCollector().GetContextAsync(document, position, 200, new OverheadPerCall(3), CancellationToken.None);

        Assert.InRange(context.TokenCount, 180, 200);
        Assert.Equal(context.TokenCount, new OverheadPerCall(3).CountTokens(context.RenderedText));
    }

    [Theory]
    [InlineData("", 0)]
    [InlineData("word", 1)]
    [InlineData("JsonTextWriter", 4)]
    [InlineData("a.b(c);", 7)]
    [InlineData("x\n    y", 3)]
    public void EstimatingTokenCounter_ErrsOnTheSafeSide(string text, int expected) =>
        Assert.Equal(expected, EstimatingTokenCounter.Instance.CountTokens(text));

    /// <summary>The estimate plus a fixed cost per call: every text counted on its own seems longer than it renders.</summary>
    private sealed class OverheadPerCall(int overhead) : ITokenCounter
    {
        public int CountTokens(string text) => text.Length == 0 ? 0 : EstimatingTokenCounter.Instance.CountTokens(text) + overhead;
    }
}
