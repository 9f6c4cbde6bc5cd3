namespace Ml.Sdk.Monitoring.Performance;

/// <summary>Group fairness metrics with fairlearn's semantics (binary labels and predictions; groups as small integer ids).</summary>
public static class FairnessMetrics
{
    // CONTRACT (implemented by the alerts/metrics work).

    /// <summary>Largest minus smallest selection rate P(prediction = 1) across groups (<c>fairlearn.metrics.demographic_parity_difference</c>).</summary>
    public static double DemographicParityDifference(ReadOnlySpan<double> predictions, ReadOnlySpan<int> groups) => throw new NotImplementedException();

    /// <summary>The larger of the true-positive-rate and false-positive-rate differences across groups (<c>fairlearn.metrics.equalized_odds_difference</c>).</summary>
    public static double EqualizedOddsDifference(ReadOnlySpan<double> labels, ReadOnlySpan<double> predictions, ReadOnlySpan<int> groups) => throw new NotImplementedException();
}
