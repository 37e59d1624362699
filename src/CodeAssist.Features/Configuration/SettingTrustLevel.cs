namespace CodeAssist.Features.Configuration;

/// <summary>What a folder that the user has not trusted may do with one setting.</summary>
internal enum SettingTrustLevel
{
    /// <summary>Any valid value: the setting tunes quality or speed only.</summary>
    Any,

    /// <summary>Only the default, which is the protected value (redactSecrets: true); lowering it needs trust.</summary>
    SafeValueOnly,

    /// <summary>A model name, or a path that resolves inside the folder.</summary>
    PathInsideFolder,

    /// <summary>Only from a trusted folder (or from the user, the environment, the editor, the command line).</summary>
    TrustedOnly,

    /// <summary>Only from the user settings file: no folder, trusted or not, and no editor layer may set it.</summary>
    UserFileOnly,
}
