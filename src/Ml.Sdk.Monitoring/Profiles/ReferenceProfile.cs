using System.Globalization;
using Ml.Sdk.Monitoring.Drift;
using Ml.Sdk.Monitoring.Drift.Internal;
using Ml.Sdk.Monitoring.Profiles.Internal;

namespace Ml.Sdk.Monitoring.Profiles;

/// <summary>
/// A reference dataset compiled once into what later drift checks need (per numeric column: moments, distinct-value
/// count, quantile bin edges and counts, a sorted sample; per categorical column: category counts), so that checks
/// never rescan the reference. It serializes to a stream, e.g. to store it as a Registry artifact next to its model version.
/// </summary>
/// <remarks>
/// <para>
/// Per numeric column the profile keeps: the counts of non-missing and missing values (NaN and ±∞ are missing, as in
/// Evidently), the mean, the sum of squared deviations (so the population and sample variances), min and max; the
/// number of distinct values, exact up to 1,000; the values and their counts when there are at most five;
/// <see cref="ReferenceProfileOptions.QuantileBinCount"/> equi-depth bins (edges at the reference quantiles, as
/// <c>numpy.quantile</c>) with the reference count in each, the first and last bins open-ended; and the values sorted,
/// all of them up to <see cref="ReferenceProfileOptions.SortedSampleLimit"/>, else a seeded uniform sample of that size.
/// Per categorical column: the count of each label.
/// </para>
/// <para>A profile is immutable and safe to share between threads.</para>
/// </remarks>
public sealed class ReferenceProfile
{
    private readonly Dictionary<string, int> _indexByName;

    internal ReferenceProfile(long rowCount, IReadOnlyList<ColumnProfile> columns, ReferenceProfileOptions options)
    {
        RowCount = rowCount;
        Columns = columns;
        Options = options;
        _indexByName = new Dictionary<string, int>(columns.Count, StringComparer.Ordinal);
        for (int i = 0; i < columns.Count; i++)
        {
            if (!_indexByName.TryAdd(columns[i].Name, i))
            {
                throw new InvalidDataException($"The reference profile has two columns named '{columns[i].Name}'.");
            }
        }

        ColumnNames = [.. columns.Select(static column => column.Name)];
    }

    /// <summary>Gets how many rows the reference had.</summary>
    public long RowCount { get; }

    /// <summary>Gets the column names, in order.</summary>
    public IReadOnlyList<string> ColumnNames { get; }

    internal IReadOnlyList<ColumnProfile> Columns { get; }

    /// <summary>Gets a copy of the options the profile was built with.</summary>
    internal ReferenceProfileOptions Options { get; }

    /// <summary>Returns a column's kind.</summary>
    /// <param name="column">The column's name.</param>
    /// <returns>Its kind.</returns>
    /// <exception cref="KeyNotFoundException">No column has that name.</exception>
    public ColumnKind GetColumnKind(string column)
    {
        ArgumentNullException.ThrowIfNull(column);
        return _indexByName.TryGetValue(column, out int index)
            ? Columns[index].Kind
            : throw new KeyNotFoundException($"The reference profile has no column '{column}'.");
    }

    /// <summary>Compiles a profile from reference data, summarizing the columns in parallel.</summary>
    /// <param name="reference">The reference data; read, never modified or kept.</param>
    /// <param name="options">How to summarize it; <see langword="null"/> for the defaults.</param>
    /// <returns>The profile.</returns>
    /// <exception cref="ArgumentException">The dataset has no columns or no rows, or an option is out of range
    /// (<see cref="ArgumentOutOfRangeException"/>: <see cref="ReferenceProfileOptions.QuantileBinCount"/> not in [1, 10,000],
    /// <see cref="ReferenceProfileOptions.SortedSampleLimit"/> below 1).</exception>
    public static ReferenceProfile Create(DriftDataset reference, ReferenceProfileOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(reference);
        ReferenceProfileOptions settings = Copy(options ?? new ReferenceProfileOptions());
        if (settings.QuantileBinCount is < 1 or > 10_000)
        {
            throw new ArgumentOutOfRangeException(
                nameof(options),
                settings.QuantileBinCount,
                string.Create(CultureInfo.InvariantCulture, $"{nameof(ReferenceProfileOptions.QuantileBinCount)} must be in [1, 10000]."));
        }

        if (settings.SortedSampleLimit < 1)
        {
            throw new ArgumentOutOfRangeException(
                nameof(options),
                settings.SortedSampleLimit,
                $"{nameof(ReferenceProfileOptions.SortedSampleLimit)} must be at least 1.");
        }

        if (reference.ColumnCount == 0 || reference.RowCount == 0)
        {
            throw new ArgumentException("The reference dataset has no columns or no rows; there is nothing to profile.", nameof(reference));
        }

        var columns = new ColumnProfile[reference.ColumnCount];
        Parallel.For(0, columns.Length, i => columns[i] = ProfileBuilder.Build(reference.GetColumn(i), i, settings));
        return new ReferenceProfile(reference.RowCount, columns, settings);
    }

    /// <summary>Writes the profile to <paramref name="destination"/> in its versioned binary format.</summary>
    /// <remarks>
    /// The format: 8 magic bytes (<c>MLSDKRPF</c>), the format version (int32), the body's length (int64), the body,
    /// and the SHA-256 of the body. The body is built in memory first, so it must stay under 2 GiB (about 500 million
    /// sorted-sample values over all columns).
    /// </remarks>
    /// <param name="destination">A writable stream.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task that completes when the profile is written.</returns>
    public Task WriteToAsync(Stream destination, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(destination);
        return ProfileFormat.WriteAsync(this, destination, cancellationToken);
    }

    /// <summary>Reads a profile written by <see cref="WriteToAsync"/>.</summary>
    /// <param name="source">A readable stream.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The profile.</returns>
    /// <exception cref="InvalidDataException">The stream is not a profile, is truncated or corrupt (checksum), or has an unknown format version.</exception>
    public static Task<ReferenceProfile> ReadFromAsync(Stream source, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        return ProfileFormat.ReadAsync(source, cancellationToken);
    }

    internal bool TryGetColumn(string name, out ColumnProfile column)
    {
        if (_indexByName.TryGetValue(name, out int index))
        {
            column = Columns[index];
            return true;
        }

        column = null!;
        return false;
    }

    private static ReferenceProfileOptions Copy(ReferenceProfileOptions options) => new()
    {
        QuantileBinCount = options.QuantileBinCount,
        SortedSampleLimit = options.SortedSampleLimit,
        Seed = options.Seed,
    };
}
