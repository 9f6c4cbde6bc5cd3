using Ml.Sdk.Monitoring.Drift;

namespace Ml.Sdk.Monitoring.Profiles;

/// <summary>
/// A reference dataset compiled once into what later drift checks need (per numeric column: moments, distinct-value
/// count, quantile bin edges and counts, a sorted sample; per categorical column: category counts), so that checks
/// never rescan the reference. It serializes to a stream, e.g. to store it as a Registry artifact next to its model version.
/// </summary>
public sealed class ReferenceProfile
{
    // CONTRACT (to be implemented by the profiles/drift work).

    /// <summary>Gets how many rows the reference had.</summary>
    public long RowCount => throw new NotImplementedException();

    /// <summary>Gets the column names, in order.</summary>
    public IReadOnlyList<string> ColumnNames => throw new NotImplementedException();

    /// <summary>Returns a column's kind.</summary>
    /// <param name="column">The column's name.</param>
    /// <returns>Its kind.</returns>
    /// <exception cref="KeyNotFoundException">No column has that name.</exception>
    public ColumnKind GetColumnKind(string column) => throw new NotImplementedException();

    /// <summary>Compiles a profile from reference data.</summary>
    /// <param name="reference">The reference data.</param>
    /// <param name="options">How to summarize it; <see langword="null"/> for the defaults.</param>
    /// <returns>The profile.</returns>
    /// <exception cref="ArgumentException">The dataset has no columns or no rows, or an option is out of range.</exception>
    public static ReferenceProfile Create(DriftDataset reference, ReferenceProfileOptions? options = null) =>
        throw new NotImplementedException();

    /// <summary>Writes the profile to <paramref name="destination"/> in its versioned binary format.</summary>
    /// <param name="destination">A writable stream.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task that completes when the profile is written.</returns>
    public Task WriteToAsync(Stream destination, CancellationToken cancellationToken = default) =>
        throw new NotImplementedException();

    /// <summary>Reads a profile written by <see cref="WriteToAsync"/>.</summary>
    /// <param name="source">A readable stream.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The profile.</returns>
    /// <exception cref="InvalidDataException">The stream is not a profile, is truncated or corrupt (checksum), or has an unknown format version.</exception>
    public static Task<ReferenceProfile> ReadFromAsync(Stream source, CancellationToken cancellationToken = default) =>
        throw new NotImplementedException();
}
