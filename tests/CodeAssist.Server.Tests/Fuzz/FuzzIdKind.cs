namespace CodeAssist.Server.Tests.Fuzz;

internal enum FuzzIdKind
{
    /// <summary>No id member: a notification (or a response without an id).</summary>
    None,

    /// <summary>A fresh integer id.</summary>
    Integer,

    /// <summary>A fresh string id (some with JSON escapes).</summary>
    String,

    /// <summary>The id of the previous message that had one: answered once more.</summary>
    Reuse,

    /// <summary>An id LSP does not allow (<see cref="FuzzMessage.OddId"/>): null, a fraction, an object, a huge number...</summary>
    Odd,
}
