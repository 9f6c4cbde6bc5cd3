namespace Ml.Sdk.Monitoring.Statistics;

/// <summary>A test's statistic and its p-value.</summary>
/// <param name="Statistic">The test statistic.</param>
/// <param name="PValue">The p-value, in [0, 1].</param>
public readonly record struct StatisticalTestResult(double Statistic, double PValue);
