namespace Ml.Sdk.Monitoring.Performance;

/// <summary>
/// The performance and fairness of a monitored model over its latest window of predictions that ground truth has been matched
/// to. A metric that does not apply to the task, or that the window cannot support (ROC AUC with one class only, fairness
/// without groups), is <see cref="double.NaN"/>.
/// </summary>
public sealed class PerformanceSnapshot
{
    /// <summary>Gets the monitored model's name.</summary>
    public string ModelName { get; init; } = string.Empty;

    /// <summary>Gets the kind of model, which decides which metrics are filled in.</summary>
    public PerformanceTask Task { get; init; }

    /// <summary>Gets when the snapshot was computed (from the host's <see cref="TimeProvider"/>).</summary>
    public DateTimeOffset Timestamp { get; init; }

    /// <summary>Gets how many predictions the window holds, matched to ground truth or not.</summary>
    public int WindowSize { get; init; }

    /// <summary>Gets how many predictions in the window have their ground truth; the metrics are computed over these.</summary>
    public int MatchedCount { get; init; }

    /// <summary>Gets the accuracy (<see cref="ClassificationMetrics.Accuracy"/>); NaN for regression or an empty window.</summary>
    public double Accuracy { get; init; } = double.NaN;

    /// <summary>Gets the F1 of class 1 (<see cref="ClassificationMetrics.F1"/>); NaN for regression or an empty window.</summary>
    public double F1 { get; init; } = double.NaN;

    /// <summary>Gets the ROC AUC (<see cref="ClassificationMetrics.RocAuc"/>); NaN for regression, without scores, or when only one class is present.</summary>
    public double RocAuc { get; init; } = double.NaN;

    /// <summary>Gets the root mean squared error (<see cref="RegressionMetrics.Rmse"/>); NaN for classification or an empty window.</summary>
    public double Rmse { get; init; } = double.NaN;

    /// <summary>Gets the demographic parity difference (<see cref="FairnessMetrics.DemographicParityDifference"/>); NaN without groups or for regression.</summary>
    public double DemographicParityDifference { get; init; } = double.NaN;

    /// <summary>Gets the equalized odds difference (<see cref="FairnessMetrics.EqualizedOddsDifference"/>); NaN without groups or for regression.</summary>
    public double EqualizedOddsDifference { get; init; } = double.NaN;

    /// <summary>Gets the number of matched predictions per sensitive group id (empty when no groups are tracked).</summary>
    public IReadOnlyDictionary<int, int> GroupCounts { get; init; } = new Dictionary<int, int>();
}
