using Ml.Sdk.Monitoring.Performance;

namespace Ml.Sdk.Monitoring.Live.Internal;

/// <summary>The settings of <see cref="ModelMonitorBuilder.TrackPerformance"/>.</summary>
internal sealed record PerformanceSettings(
    PerformanceTask Task,
    string OutputTensor,
    int Column,
    double DecisionThreshold,
    int Window,
    double? MinAccuracy,
    double? MinF1,
    double? MinAuc,
    double? MaxRmse,
    PerformanceScore Score = PerformanceScore.Value)
{
    public void Validate(string prefix, List<string> failures)
    {
        if (!Enum.IsDefined(Task))
        {
            failures.Add(prefix + $"TrackPerformance has an undefined task ({(int)Task}).");
        }

        if (!Enum.IsDefined(Score))
        {
            failures.Add(prefix + $"TrackPerformance has an undefined score ({(int)Score}).");
        }

        if (string.IsNullOrWhiteSpace(OutputTensor))
        {
            failures.Add(prefix + "TrackPerformance has an empty output tensor name.");
        }

        if (Column < 0)
        {
            failures.Add(prefix + $"TrackPerformance column is {Column}; it must not be negative.");
        }

        if (!double.IsFinite(DecisionThreshold))
        {
            failures.Add(prefix + $"TrackPerformance decisionThreshold is {DecisionThreshold}; it must be finite.");
        }

        if (Window < 1)
        {
            failures.Add(prefix + $"TrackPerformance window is {Window}; it must be at least 1.");
        }

        CheckShare(prefix, "minAccuracy", MinAccuracy, failures);
        CheckShare(prefix, "minF1", MinF1, failures);
        CheckShare(prefix, "minAuc", MinAuc, failures);
        if (MaxRmse is double rmse && !(rmse >= 0 && double.IsFinite(rmse)))
        {
            failures.Add(prefix + $"TrackPerformance maxRmse is {rmse}; it must be finite and not negative.");
        }

        if (Task == PerformanceTask.Regression && (MinAccuracy is not null || MinF1 is not null || MinAuc is not null))
        {
            failures.Add(prefix + "TrackPerformance(Regression) takes maxRmse only; minAccuracy, minF1 and minAuc are for BinaryClassification.");
        }

        if (Task == PerformanceTask.BinaryClassification && MaxRmse is not null)
        {
            failures.Add(prefix + "TrackPerformance(BinaryClassification) takes minAccuracy, minF1 and minAuc; maxRmse is for Regression.");
        }
    }

    private static void CheckShare(string prefix, string name, double? value, List<string> failures)
    {
        if (value is double v && !(v >= 0 && v <= 1))
        {
            failures.Add(prefix + $"TrackPerformance {name} is {v}; it must be 0 to 1.");
        }
    }
}
