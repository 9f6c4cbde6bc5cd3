using Ml.Sdk.Monitoring.Profiles;

namespace Ml.Sdk.Monitoring.Drift;

/// <summary>Computes per-column and dataset drift of current data against a reference profile.</summary>
public static class DriftDetector
{
    /// <summary>Compares <paramref name="current"/> with a precomputed reference profile; the reference is never rescanned.</summary>
    /// <param name="reference">The reference profile.</param>
    /// <param name="current">The current data; columns are matched by name, extra columns are ignored.</param>
    /// <param name="options">The methods and thresholds; <see langword="null"/> for the defaults.</param>
    /// <returns>The verdict per column and for the dataset.</returns>
    /// <exception cref="ArgumentException">A current column's kind differs from the reference's, or an option names a method that does not fit the column's kind.</exception>
    public static DatasetDriftResult Detect(ReferenceProfile reference, DriftDataset current, DriftOptions? options = null) =>
        throw new NotImplementedException();

    /// <summary>Profiles <paramref name="reference"/> with the default profile options, then compares <paramref name="current"/> with it.</summary>
    /// <param name="reference">The reference data.</param>
    /// <param name="current">The current data.</param>
    /// <param name="options">The methods and thresholds; <see langword="null"/> for the defaults.</param>
    /// <returns>The verdict per column and for the dataset.</returns>
    public static DatasetDriftResult Detect(DriftDataset reference, DriftDataset current, DriftOptions? options = null) =>
        throw new NotImplementedException();
}
