namespace Ml.Sdk.Serving;

/// <summary>Where a model version is in its life in the server.</summary>
public enum VersionState
{
    /// <summary>Loading or warming up; it takes no traffic yet.</summary>
    Loading = 0,

    /// <summary>Loaded, warmed up and taking traffic.</summary>
    Ready = 1,

    /// <summary>Failed to resolve, load or warm up; it takes no traffic (see <see cref="ServedVersionStatus.Error"/>).</summary>
    Failed = 2,
}
