namespace Ml.Sdk.Monitoring.Live.Internal;

/// <summary>The settings of <see cref="ModelMonitorBuilder.TrackFairness"/>.</summary>
internal sealed record FairnessSettings(string SensitiveColumn, double MaxDemographicParityDifference, double MaxEqualizedOddsDifference)
{
    public void Validate(string prefix, List<string> failures)
    {
        if (string.IsNullOrEmpty(SensitiveColumn))
        {
            failures.Add(prefix + "TrackFairness has an empty sensitive column name.");
        }

        if (!(MaxDemographicParityDifference >= 0 && MaxDemographicParityDifference <= 1))
        {
            failures.Add(prefix + $"TrackFairness maxDemographicParityDifference is {MaxDemographicParityDifference}; it must be 0 to 1.");
        }

        if (!(MaxEqualizedOddsDifference >= 0 && MaxEqualizedOddsDifference <= 1))
        {
            failures.Add(prefix + $"TrackFairness maxEqualizedOddsDifference is {MaxEqualizedOddsDifference}; it must be 0 to 1.");
        }
    }
}
