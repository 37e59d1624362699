namespace CodeAssist.Context.Collection;

[Flags]
internal enum TypeFlags
{
    None = 0,
    Static = 1,
    Abstract = 2,
    Interface = 4,
    Enum = 8,
    Exception = 16,
    Attribute = 32,
    HasStaticMembers = 64,
}
