namespace Ml.Sdk.Registry;

/// <summary>What a <see cref="RegistryChange"/> records.</summary>
public enum RegistryChangeKind
{
    /// <summary>A registered model was created by its first version's registration.</summary>
    ModelCreated = 0,

    /// <summary>A version was registered.</summary>
    VersionCreated = 1,

    /// <summary>An alias was created or moved to a version.</summary>
    AliasSet = 2,

    /// <summary>An alias was removed.</summary>
    AliasDeleted = 3,

    /// <summary>A version was soft-deleted.</summary>
    VersionDeleted = 4,

    /// <summary>A deleted version was purged: its row is gone, and blobs no other version uses.</summary>
    VersionPurged = 5,
}
