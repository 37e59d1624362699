namespace CodeAssist.Context.Collection;

/// <summary>What kind of name the syntax before the cursor calls for, when there is no receiver.</summary>
internal enum TypeSlot
{
    /// <summary>An expression (after =, return, an argument...): a value, often from a static helper or an enum.</summary>
    Expression,

    /// <summary>The start of a statement: a local, a call, or a static helper (Guard.Against...).</summary>
    StatementStart,
    New,
    ThrowNew,
    Throw,
    BaseList,
    Attribute,

    /// <summary>typeof(, a cast, a generic argument, a declaration's type, is/as.</summary>
    TypeName,
}
