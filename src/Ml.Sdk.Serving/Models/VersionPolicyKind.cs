namespace Ml.Sdk.Serving;

/// <summary>The kinds of <see cref="VersionPolicy"/>.</summary>
public enum VersionPolicyKind
{
    /// <summary>The version an alias points to.</summary>
    Alias = 0,

    /// <summary>The latest N ready versions.</summary>
    Latest = 1,

    /// <summary>A fixed list of versions.</summary>
    Specific = 2,
}
