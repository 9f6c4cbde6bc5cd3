namespace Ml.Sdk.Monitoring.Drift;

/// <summary>The drift verdict for one column.</summary>
public sealed class ColumnDriftResult
{
    /// <summary>Gets the column's name.</summary>
    public required string Column { get; init; }

    /// <summary>Gets whether the column is numeric or categorical.</summary>
    public required ColumnKind Kind { get; init; }

    /// <summary>Gets the method that was used (or would have been, when <see cref="Status"/> is not <see cref="ColumnDriftStatus.Tested"/>).</summary>
    public required DriftMethod Method { get; init; }

    /// <summary>Gets whether the column was tested, and if not, why.</summary>
    public required ColumnDriftStatus Status { get; init; }

    /// <summary>Gets whether <see cref="Method"/> gives a p-value (drift when below the threshold) rather than a distance (drift when at or above it).</summary>
    public required bool IsPValueMethod { get; init; }

    /// <summary>
    /// Gets the drift score, as Evidently reports it: the p-value (after correction, if any) for p-value methods, the
    /// distance for distances. NaN when the column was not tested.
    /// </summary>
    public required double Score { get; init; }

    /// <summary>Gets the test statistic (D, U, t, chi-square, ...) or the distance. NaN when the column was not tested.</summary>
    public required double Statistic { get; init; }

    /// <summary>Gets the uncorrected p-value, or NaN for distances and untested columns.</summary>
    public required double PValue { get; init; }

    /// <summary>Gets the threshold the score was compared with.</summary>
    public required double Threshold { get; init; }

    /// <summary>Gets whether the column drifted. Always <see langword="false"/> when the column was not tested.</summary>
    public required bool Drifted { get; init; }

    /// <summary>Gets how many non-missing values the reference has.</summary>
    public required long ReferenceCount { get; init; }

    /// <summary>Gets how many non-missing values the current data has.</summary>
    public required long CurrentCount { get; init; }

    /// <summary>Gets how many current values were missing (NaN or null); they are left out of every test.</summary>
    public required long CurrentMissingCount { get; init; }

    /// <summary>Gets the categories present in the current data but never seen in the reference (categorical columns).</summary>
    public IReadOnlyList<string> UnseenCategories { get; init; } = [];

    /// <summary>Gets the reference mean (numeric columns; NaN otherwise).</summary>
    public double ReferenceMean { get; init; } = double.NaN;

    /// <summary>Gets the current mean (numeric columns; NaN otherwise).</summary>
    public double CurrentMean { get; init; } = double.NaN;

    /// <summary>Gets the reference and current distributions over the same bins or categories; <see langword="null"/> when the column was not tested.</summary>
    public DistributionComparison? Distribution { get; init; }
}
