namespace Ml.Sdk.Monitoring.Performance;

/// <summary>Binary classification metrics with scikit-learn's semantics (labels and predictions are 0 or 1).</summary>
public static class ClassificationMetrics
{
    // CONTRACT (implemented by the alerts/metrics work).

    /// <summary>Share of predictions equal to the label (<c>sklearn.metrics.accuracy_score</c>).</summary>
    public static double Accuracy(ReadOnlySpan<double> labels, ReadOnlySpan<double> predictions) => throw new NotImplementedException();

    /// <summary>F1 of the positive class 1 (<c>sklearn.metrics.f1_score</c>, zero_division=0).</summary>
    public static double F1(ReadOnlySpan<double> labels, ReadOnlySpan<double> predictions) => throw new NotImplementedException();

    /// <summary>Area under the ROC curve of scores against labels (<c>sklearn.metrics.roc_auc_score</c>, ties averaged); NaN when only one class is present.</summary>
    public static double RocAuc(ReadOnlySpan<double> labels, ReadOnlySpan<double> scores) => throw new NotImplementedException();
}
