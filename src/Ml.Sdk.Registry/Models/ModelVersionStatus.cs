namespace Ml.Sdk.Registry;

/// <summary>The life-cycle state of a model version.</summary>
public enum ModelVersionStatus
{
    /// <summary>Complete and resolvable: metadata and every artifact blob are stored.</summary>
    Ready = 0,

    /// <summary>Soft-deleted: kept for audit, not resolvable, and eligible for purge.</summary>
    Deleted = 1,
}
