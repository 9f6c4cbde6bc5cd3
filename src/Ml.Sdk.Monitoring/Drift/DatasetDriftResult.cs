namespace Ml.Sdk.Monitoring.Drift;

/// <summary>The drift verdict for a dataset: every column's result and the share of drifted columns.</summary>
public sealed class DatasetDriftResult
{
    /// <summary>Gets the per-column results, in the reference's column order.</summary>
    public required IReadOnlyList<ColumnDriftResult> Columns { get; init; }

    /// <summary>Gets how many columns were tested (<see cref="ColumnDriftStatus.Tested"/>).</summary>
    public required int TestedColumnCount { get; init; }

    /// <summary>Gets how many tested columns drifted.</summary>
    public required int DriftedColumnCount { get; init; }

    /// <summary>Gets drifted ÷ tested columns; 0 when no column was tested (never NaN).</summary>
    public required double DriftShare { get; init; }

    /// <summary>Gets the share at or above which the dataset drifts.</summary>
    public required double DriftShareThreshold { get; init; }

    /// <summary>Gets whether the dataset drifted: at least one column was tested and <see cref="DriftShare"/> ≥ <see cref="DriftShareThreshold"/>.</summary>
    public required bool DatasetDrifted { get; init; }

    /// <summary>Gets the correction that was applied to the p-values.</summary>
    public required MultipleTestingCorrection Correction { get; init; }

    /// <summary>Gets how many rows the reference had.</summary>
    public required long ReferenceRowCount { get; init; }

    /// <summary>Gets how many rows the current data had.</summary>
    public required long CurrentRowCount { get; init; }

    /// <summary>Returns the result for <paramref name="column"/>.</summary>
    /// <param name="column">The column's name.</param>
    /// <returns>The column's result.</returns>
    /// <exception cref="KeyNotFoundException">No column has that name.</exception>
    public ColumnDriftResult this[string column]
    {
        get
        {
            foreach (ColumnDriftResult result in Columns)
            {
                if (string.Equals(result.Column, column, StringComparison.Ordinal))
                {
                    return result;
                }
            }

            throw new KeyNotFoundException($"The drift result has no column '{column}'.");
        }
    }
}
