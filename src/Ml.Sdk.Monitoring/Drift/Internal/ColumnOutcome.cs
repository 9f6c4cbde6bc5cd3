namespace Ml.Sdk.Monitoring.Drift.Internal;

/// <summary>One column's drift figures before the multiple-testing correction turns them into a result.</summary>
internal sealed class ColumnOutcome
{
    public required string Column { get; init; }

    public required ColumnKind Kind { get; init; }

    public required DriftMethod Method { get; set; }

    public required double Threshold { get; init; }

    public ColumnDriftStatus Status { get; set; }

    public double Statistic { get; set; } = double.NaN;

    public double PValue { get; set; } = double.NaN;

    /// <summary>Gets or sets the distance, or the uncorrected p-value.</summary>
    public double Score { get; set; } = double.NaN;

    public long ReferenceCount { get; init; }

    public long CurrentCount { get; set; }

    public long CurrentMissingCount { get; set; }

    public IReadOnlyList<string> UnseenCategories { get; set; } = [];

    public double ReferenceMean { get; init; } = double.NaN;

    public double CurrentMean { get; set; } = double.NaN;

    public DistributionComparison? Distribution { get; set; }

    /// <summary>Gets or sets the current column, or <see langword="null"/> when it is missing from the current data.</summary>
    public DriftColumn? Current { get; init; }

    /// <summary>Gets or sets the method the options ask for; <see langword="null"/> lets the automatic rule choose.</summary>
    public DriftMethod? RequestedMethod { get; init; }

    public bool IsPValue => DriftMethodTraits.IsPValue(Method);
}
