namespace CodeAssist.Features.Fix;

/// <summary>How likely a fix is the one the user wants, in the order Visual Studio lists them.</summary>
public enum FixTier
{
    /// <summary>Corrects what was written: a spelling fix, a using directive, a qualified name.</summary>
    Correction,

    /// <summary>Any other fix; the model's compiler-checked fix goes here too.</summary>
    Other,

    /// <summary>Generates a member or type for the name: rarely wanted when the name is a typo of an existing one.</summary>
    Generation,
}
