namespace CodeAssist.Context;

/// <summary>What a piece of context is; the renderer and the ranking treat each kind differently.</summary>
public enum ContextItemKind
{
    Namespace,
    EnclosingType,
    EnclosingMember,
    Local,
    Parameter,
    Receiver,
    ReceiverMember,
    ExpectedType,
    CrossFileSymbol,
    Diagnostic,
    Lexical,
}
